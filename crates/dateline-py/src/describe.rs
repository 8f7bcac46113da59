// The macros that turn one description of a Python class (src/api.rs) into
// both the PyO3 code (in the crate) and the class's type stub (in build.rs,
// which writes python/dateline/_dateline.pyi). This file is shared: the
// crate loads it as a module and build.rs includes it, each defining
// `pyo3_side!` (keeps or drops Rust items) and `stub_side!` (keeps or drops
// stub items) before the description is read. See docs/bindings.md.

/// One output class: a frozen Python class of plain fields whose getters,
/// constructor or `_from_json`, `__reduce__`, `to_dict`, `__repr__`,
/// conversion from the core type (`FromCore`) and stub all come from one
/// list of fields (`name: RustType as "PythonType" [default] => conversion`).
/// The grammar, by example, is in docs/bindings.md.
macro_rules! value_class {
    (
        $(#[$doc:meta])*
        class $name:literal = $rust:ident, pickle $pickle:ident
            $(, from $core:ty as |$c:ident, $at:ident $(, $map:ident)?|)?
            $(, dict $dict:ident)?
        {
            $( $(#[$fa:meta])* $f:ident : $ft:ty as $fp:literal
                $([$fd:tt $(or $fb:ident)?])? $(=> $fc:expr)? ),* $(,)?
        }
        $( hidden {
            $( $(#[$ha:meta])* $h:ident : $ht:ty as $hp:literal
                $([$hd:tt])? $(=> $hc:expr)? ),* $(,)?
        } )?
        $( getters {
            $( $(#[$ga:meta])*
               fn $g:ident $(<$gl:lifetime>)? ( $($gargs:tt)* ) -> $gt:ty as $gp:literal $gb:block )*
        } )?
        $( methods { $($m:tt)* } stub $ms:literal )?
        repr $repr:tt
    ) => {
        pyo3_side! {
            $(#[$doc])*
            #[pyclass(module = "dateline", name = $name, frozen, eq, from_py_object)]
            #[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            pub(crate) struct $rust {
                $( #[pyo3(get)] $(#[$fa])* pub(crate) $f: $ft, )*
                $($( $(#[$ha])* pub(crate) $h: $ht, )*)?
            }

            #[pymethods]
            impl $rust {
                $($( $(#[$ga])* #[getter] pub(crate) fn $g $(<$gl>)? ($($gargs)*) -> $gt $gb )*)?
                $($($m)*)?
                fn __repr__(&self) -> String {
                    value_class!(@repr self, $name, $repr)
                }
                /// The object as plain dicts and lists.
                fn to_dict(&self) -> Value2 {
                    value_class!(@dict self $($dict)?)
                }
            }

            value_class!(@pickle $pickle $rust [
                $($f: $ft $([$fd $(or $fb)?])?,)* $($($h: $ht $([$hd])?,)*)?
            ]);
            value_class!(@from $rust [$($core, $c, $at $(, $map)?)?] [
                $($f $(=> $fc)?,)* $($($h $(=> $hc)?,)*)?
            ]);
        }
        stub_side! {
            #[allow(non_upper_case_globals)]
            const $rust: Item = ($name, concat!(
                "\n@final\nclass ", $name, ":\n",
                value_class!(@new_stub $pickle $name [
                    $(($f $fp $([$fd $(or $fb)?])?))* $($(($h $hp $([$hd])?))*)?
                ]),
                $("    @property\n    def ", stringify!($f), "(self) -> ", $fp, ": ...\n",)*
                $($("    @property\n    def ", stringify!($g), "(self) -> ", $gp, ": ...\n",)*)?
                $($ms,)?
                "    def to_dict(self) -> Dict[str, Any]: ...\n",
                value_class!(@eq_stub $pickle),
                "    def __reduce__(self) -> Tuple[Any, ...]: ...\n",
            ));
        }
    };

    // ---- the Rust side

    (@pickle args $rust:ident [$($f:ident : $ft:ty $([$fd:tt $(or $fb:ident)?])?,)*]) => {
        #[pymethods]
        impl $rust {
            #[new]
            #[pyo3(signature = ($($f $(= $fd)?),*))]
            #[allow(clippy::too_many_arguments)]
            fn new($($f: value_class!(@arg_type $ft $($(, $fb)?)?)),*) -> Self {
                Self { $($f: value_class!(@arg_value $f $($(, $fb)?)?)),* }
            }
            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, pyo3::types::PyTuple>)> {
                use pyo3::IntoPyObjectExt;
                let (py, s) = (slf.py(), slf.get().clone());
                // A tuple built item by item: a class may have more fields
                // than PyO3 converts as a Rust tuple.
                let args = [$(s.$f.into_bound_py_any(py)?),*];
                Ok((slf.get_type().into_any(), pyo3::types::PyTuple::new(py, args)?))
            }
        }
    };
    (@pickle json $rust:ident [$($fields:tt)*]) => {
        #[pymethods]
        impl $rust {
            /// Rebuilds the object from the JSON of `to_dict` (used by pickle).
            #[staticmethod]
            fn _from_json(json: &str) -> PyResult<Self> {
                serde_json::from_str(json).map_err(|e| PyValueError::new_err(e.to_string()))
            }
            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                let json = serde_json::to_string(slf.get())
                    .map_err(|e| PyValueError::new_err(e.to_string()))?;
                Ok((slf.get_type().getattr("_from_json")?, (json,)))
            }
        }
    };
    (@arg_type $ft:ty) => { $ft };
    (@arg_type $ft:ty, $fb:ident) => { Option<$ft> };
    (@arg_value $f:ident) => { $f };
    (@arg_value $f:ident, $fb:ident) => { $f.unwrap_or($fb) };

    (@from $rust:ident [] [$($fields:tt)*]) => {};
    (@from $rust:ident [$core:ty, $c:ident, $at:ident $(, $map:ident)?]
        [$($f:ident $(=> $fc:expr)?,)*]) => {
        impl FromCore<$core> for $rust {
            #[allow(clippy::clone_on_copy, unused_variables)]
            fn from_core($c: &$core, map: &OffsetMap) -> Self {
                let $at = |byte: usize| map.char_offset(byte);
                $(let $map = map;)?
                Self { $($f: value_class!(@field $c $f $($fc)?)),* }
            }
        }
    };
    (@field $c:ident $f:ident) => { $c.$f.clone() };
    (@field $c:ident $f:ident $fc:expr) => { $fc };

    (@repr $s:ident, $name:literal, ($($r:ident),* $(,)?)) => {
        format!(
            "{}({})",
            $name,
            [$(format!("{}={}", python_name(stringify!($r)), ReprValue::repr(&$s.$r))),*].join(", ")
        )
    };
    (@repr $s:ident, $name:literal, $custom:ident) => { $custom($s) };
    (@dict $s:ident) => { Value2(serde_json::to_value($s).unwrap_or(Value::Null)) };
    (@dict $s:ident $custom:ident) => { Value2($custom($s)) };

    // ---- the stub side

    (@new_stub args $name:literal [$(($f:ident $fp:literal $([$fd:tt $(or $fb:ident)?])?))*]) => {
        concat!(
            "    def __new__(cls",
            $(", ", stringify!($f), ": ", value_class!(@arg_stub $fp $($(, $fb)?)?),
                $(" = ", stringify!($fd),)?)*
            ") -> \"", $name, "\": ...\n",
        )
    };
    (@new_stub json $name:literal [$($fields:tt)*]) => {
        concat!("    @staticmethod\n    def _from_json(json: str) -> \"", $name, "\": ...\n")
    };
    (@arg_stub $fp:literal) => { $fp };
    (@arg_stub $fp:literal, $fb:ident) => { concat!("Optional[", $fp, "]") };
    (@eq_stub args) => { "" };
    (@eq_stub json) => { "    def __eq__(self, value: object, /) -> bool: ...\n" };
}

/// The getters of a class written by hand in the crate, each with its stub
/// type, and the stubs of the class's other methods (`stub`, one string a
/// method, as it stands in the class body).
macro_rules! class_getters {
    (
        class $name:literal = $rust:ident
        getters { $( $(#[$ga:meta])*
            fn $g:ident $(<$gl:lifetime>)? ( $($gargs:tt)* ) -> $gt:ty as $gp:literal $gb:block )* }
        stub $ms:literal
    ) => {
        pyo3_side! {
            #[pymethods]
            impl $rust {
                $( $(#[$ga])* #[getter] pub(crate) fn $g $(<$gl>)? ($($gargs)*) -> $gt $gb )*
            }
        }
        stub_side! {
            #[allow(non_upper_case_globals)]
            const $rust: Item = ($name, concat!(
                "\n@final\nclass ", $name, ":\n",
                $("    @property\n    def ", stringify!($g), "(self) -> ", $gp, ": ...\n",)*
                $ms,
            ));
        }
    };
}

/// A class or function written by hand in the crate, with its stub text
/// (the crate drops the text; build.rs writes it into the stub file).
macro_rules! hand_written {
    ($rust:ident, $name:literal, $stub:literal) => {
        stub_side! {
            #[allow(non_upper_case_globals)]
            const $rust: Item = ($name, $stub);
        }
    };
}

/// The module's classes and functions, in the order of `__all__`: the crate
/// registers them (`add_members`), build.rs writes their stubs in this order.
macro_rules! members {
    (classes [$($cls:ident),* $(,)?] functions [$($fun:ident),* $(,)?]) => {
        pyo3_side! {
            /// Adds every class and function of the module to `m`.
            pub(crate) fn add_members(m: &Bound<'_, PyModule>) -> PyResult<()> {
                $(m.add_class::<$cls>()?;)*
                $(m.add_function(wrap_pyfunction!($fun, m)?)?;)*
                Ok(())
            }
        }
        stub_side! {
            /// Every class and function, in order.
            pub(crate) const MEMBERS: &[Item] = &[$($cls,)* $($fun,)*];
        }
    };
}
