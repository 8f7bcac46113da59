import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> pathlib.Path:
    """`../shared` beside the repository; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture
def golden() -> pathlib.Path:
    return REPO / "tests" / "golden"


def command() -> pathlib.Path:
    """The `dateline` command built by cargo (debug first: what `cargo test`
    builds); tests that compare with it skip when it is not built."""
    for profile in ("debug", "release"):
        path = REPO / "target" / profile / "dateline"
        if path.is_file():
            return path
    pytest.skip("the dateline command is not built (cargo build -p dateline-cli)")
