// hello.cpp: dateline from C++. The header is plain C with extern "C" guards;
// wrap the handles in std::unique_ptr with the library's own free functions.
//
//   c++ -std=c++17 -Wall -Wextra -Werror -Iinclude examples/c/hello.cpp
//       -Ltarget/release -ldateline -Wl,-rpath,"$PWD/target/release" -o hello
//   (one command line)
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "dateline.h"

struct ExtractorFree {
    void operator()(DatelineExtractor *e) const { dateline_extractor_free(e); }
};
struct ResultFree {
    void operator()(DatelineResult *r) const { dateline_result_free(r); }
};

static std::string_view view(DatelineStr s) { return {s.ptr, s.len}; }

int main() {
    DatelineExtractor *raw = nullptr;
    if (dateline_extractor_new(nullptr, &raw) != DATELINE_STATUS_OK) return 1;
    std::unique_ptr<DatelineExtractor, ExtractorFree> ex(raw);

    const std::string text = " date 2023-11-06 Mr Al Sudani met Antony Blinken in Baghdad. He left.";
    DatelineResult *r = nullptr;
    if (dateline_extract(ex.get(), reinterpret_cast<const uint8_t *>(text.data()), text.size(), &r) !=
        DATELINE_STATUS_OK) {
        std::fprintf(stderr, "%s\n", dateline_last_error());
        return 1;
    }
    std::unique_ptr<DatelineResult, ResultFree> result(r);
    DatelineArticle a;
    if (dateline_result_article(result.get(), &a) != DATELINE_STATUS_OK) return 1;
    std::printf("date %.*s, %zu sentences\n", static_cast<int>(a.date.len), a.date.ptr, a.sentences);
    return view(a.date) == "2023-11-06" && a.sentences == 2 ? 0 : 1;
}
