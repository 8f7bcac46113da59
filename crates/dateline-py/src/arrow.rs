//! The core's Arrow tables in Python, without copying: an `ArrowTable`
//! holds the record batches and hands them to pyarrow, polars or any
//! library of the Arrow PyCapsule protocol through the Arrow C stream
//! interface (`__arrow_c_stream__`).

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::SchemaRef;
use dateline::tables::{ErrorRow, Table, TableBuilder};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::record::type_name;
use crate::{PyErrorRecord, PyExtraction};

/// Text bytes of one record batch: well below the 2 GiB an Arrow text
/// column of one batch can hold.
const BATCH_TEXT_BYTES: usize = 256 << 20;

/// One table of many results as Arrow record batches (`dateline.to_arrow`
/// gives it as a `pyarrow.Table`); any library that reads the Arrow
/// PyCapsule protocol takes it as it is: `pyarrow.table(t)`,
/// `polars.DataFrame(t)`.
#[pyclass(module = "dateline", name = "ArrowTable", frozen)]
pub(crate) struct PyArrowTable {
    name: &'static str,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

#[pymethods]
impl PyArrowTable {
    /// The Arrow C stream of the batches (a PyCapsule named
    /// `arrow_array_stream`); the columns are shared, not copied. A
    /// requested schema is not applied (the table has one schema).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let batches: Vec<RecordBatch> = self.batches.clone();
        let reader = RecordBatchIterator::new(batches.into_iter().map(Ok), self.schema.clone());
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    /// The table's name (`quotes`).
    #[getter]
    fn name(&self) -> &'static str {
        self.name
    }

    /// The columns' names, in order.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.schema
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    /// Number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    fn __len__(&self) -> usize {
        self.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable(name={:?}, num_rows={}, columns={})",
            self.name,
            self.num_rows(),
            self.schema.fields().len()
        )
    }
}

/// One table of `results` (extractions and error records) as Arrow record
/// batches built by the core (see `dateline.to_arrow`); `caller` is the
/// Python function named in error messages.
#[pyfunction]
#[pyo3(signature = (results, table, caller = "to_arrow"))]
pub(crate) fn _arrow_table(
    results: &Bound<'_, PyAny>,
    table: &str,
    caller: &str,
) -> PyResult<PyArrowTable> {
    let t: Table = table.parse().map_err(PyValueError::new_err)?;
    let iter = results.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{caller} takes an iterable of Extraction and ErrorRecord objects, not {}",
            type_name(results)
        ))
    })?;
    let mut builder = TableBuilder::new(t);
    let mut batches = Vec::new();
    for obj in iter {
        let obj = obj?;
        if let Ok(x) = obj.cast::<PyExtraction>() {
            let x = &x.get().inner;
            if !t.available_in(x) {
                let layer = t.layer().map_or("", |l| l.name());
                let held: Vec<&str> = x.layers().iter().map(|l| l.name()).collect();
                return Err(PyValueError::new_err(format!(
                    "{caller}: the '{table}' table comes from the '{layer}' layer, which did not run for \
                     article '{}' (it holds the layers {}); extract with the default layers, or add \
                     '{layer}': Extractor(layers=[..., '{layer}'])",
                    x.id.as_deref().unwrap_or(""),
                    held.join(", ")
                )));
            }
            builder.push(x);
        } else if let Ok(e) = obj.cast::<PyErrorRecord>() {
            let e = e.get();
            builder.push_error_row(&ErrorRow {
                id: e.id.as_deref(),
                kind: &e.kind,
                message: &e.message,
                file: e.file.as_deref(),
                line: e.line,
                record: e.record,
                byte: e.byte,
            });
        } else {
            return Err(PyTypeError::new_err(format!(
                "{caller} takes Extraction and ErrorRecord objects, not {}",
                type_name(&obj)
            )));
        }
        if builder.text_bytes() >= BATCH_TEXT_BYTES {
            batches.push(
                builder
                    .finish()
                    .map_err(|e| PyValueError::new_err(e.to_string()))?,
            );
        }
    }
    if !builder.is_empty() || batches.is_empty() {
        batches.push(
            builder
                .finish()
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
        );
    }
    Ok(PyArrowTable {
        name: t.name(),
        schema: builder.schema(),
        batches,
    })
}
