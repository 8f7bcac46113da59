//! Extraction as a stream: worker threads take records one at a time while
//! the caller's thread consumes the results in input order, so that the
//! workers never wait for a batch's slowest record or for the writing, and
//! only a few records are held at once.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

use crate::article::Article;
use crate::error::RecordError;

use super::{Extraction, Extractor};

/// Records taken but not yet handed over, per worker: enough to keep every
/// worker busy while an earlier record is slow.
pub const RECORDS_IN_FLIGHT_PER_WORKER: usize = 8;

/// Bytes of text taken but not yet handed over, per worker, above which no
/// further record is taken (one record always may be): what holds memory
/// to a few articles' extractions whatever their length.
pub const BYTES_IN_FLIGHT_PER_WORKER: usize = 256 << 10;

/// The records, and the number of the next one. Reading may wait (a pipe):
/// the consumer never needs this lock.
struct Input<I> {
    records: I,
    taken: usize,
}

/// What is in flight: taken, not yet handed over.
#[derive(Default)]
struct Flight {
    /// Text bytes of each record in flight, by index.
    bytes: BTreeMap<usize, usize>,
    /// Sum of `bytes`.
    total: usize,
    /// No more records to take: the input ended or the consumer stopped.
    done: bool,
}

type Shared = (Mutex<Flight>, Condvar);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere leaves no half-done state behind these locks.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn stop(shared: &Shared) {
    lock(&shared.0).done = true;
    shared.1.notify_all();
}

/// Stops the stream when dropped.
struct StopOnDrop<'a>(&'a Shared);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        stop(self.0);
    }
}

/// One worker: takes a record when there is room, extracts it, sends the
/// result (a panic too) with its index.
fn work<I>(
    ex: &Extractor,
    input: &Mutex<Input<I>>,
    shared: &Shared,
    tx: &mpsc::Sender<(usize, thread::Result<Result<Extraction, RecordError>>)>,
    (max_records, max_bytes): (usize, usize),
) where
    I: Iterator<Item = Result<Article, RecordError>>,
{
    loop {
        {
            let mut f = lock(&shared.0);
            while !f.done
                && !f.bytes.is_empty()
                && (f.bytes.len() >= max_records || f.total >= max_bytes)
            {
                f = shared.1.wait(f).unwrap_or_else(PoisonError::into_inner);
            }
            if f.done {
                return;
            }
        }
        let (index, record) = {
            let mut input = lock(input);
            if lock(&shared.0).done {
                return;
            }
            let index = input.taken;
            // A reader that panics ends the stream with its panic, which
            // travels as a result does (no record goes missing unsaid).
            let record = match catch_unwind(AssertUnwindSafe(|| input.records.next())) {
                Ok(Some(record)) => record,
                Ok(None) => {
                    stop(shared);
                    return;
                }
                Err(payload) => {
                    stop(shared);
                    let _ = tx.send((index, Err(payload)));
                    return;
                }
            };
            input.taken += 1;
            let bytes = record.as_ref().map_or(0, |a| a.text.len());
            let mut f = lock(&shared.0);
            f.bytes.insert(index, bytes);
            f.total += bytes;
            (index, record)
        };
        let result = catch_unwind(AssertUnwindSafe(|| ex.extract_record(record)));
        if tx.send((index, result)).is_err() {
            return;
        }
    }
}

impl Extractor {
    /// Extracts `records` on `workers` threads (at least one) and hands
    /// each result to `sink` on the calling thread, in input order, as
    /// `Some(result)` as soon as it and every result before it are ready;
    /// `sink(None)` tells that no result is ready yet (the moment to flush
    /// output before the input may be waited for).
    ///
    /// At most [`RECORDS_IN_FLIGHT_PER_WORKER`] records a worker, and
    /// [`BYTES_IN_FLIGHT_PER_WORKER`] bytes of text a worker, are taken and
    /// not yet handed over (give or take one record a worker). The results
    /// are those of [`Extractor::extract_record`], the same for any number
    /// of workers.
    ///
    /// An error from `sink` stops the stream and is returned at once: no
    /// further record is taken, and the workers finish and drop what they
    /// hold in the background (a worker waiting for input, on a pipe, waits
    /// until it comes or ends); so does a panic of `sink`. A panic while a
    /// record is read or extracted stops the stream the same way when its
    /// turn comes (every result before it is handed over first) and is
    /// raised again on the calling thread.
    pub fn extract_ordered<I, E>(
        &self,
        records: I,
        workers: usize,
        mut sink: impl FnMut(Option<Result<Extraction, RecordError>>) -> Result<(), E>,
    ) -> Result<(), E>
    where
        I: Iterator<Item = Result<Article, RecordError>> + Send + 'static,
    {
        let workers = workers.max(1);
        let limits = (
            workers * RECORDS_IN_FLIGHT_PER_WORKER,
            workers * BYTES_IN_FLIGHT_PER_WORKER,
        );
        let ex = Arc::new(self.clone());
        let input = Arc::new(Mutex::new(Input { records, taken: 0 }));
        let shared: Arc<Shared> = Arc::new((Mutex::new(Flight::default()), Condvar::new()));
        let (tx, rx) = mpsc::channel();
        // A thread the system refuses is one worker fewer; with none, the
        // calling thread extracts each record itself, in order.
        let handles: Vec<_> = (0..workers)
            .filter_map(|i| {
                let (ex, input, shared, tx) =
                    (ex.clone(), input.clone(), shared.clone(), tx.clone());
                thread::Builder::new()
                    .name(format!("dateline-worker-{i}"))
                    .spawn(move || work(&ex, &input, &shared, &tx, limits))
                    .ok()
            })
            .collect();
        drop(tx);
        // However this returns (an error, a panic of the sink or a
        // worker's raised again), the workers stop taking records.
        let _stop = StopOnDrop(&shared);
        if handles.is_empty() {
            let mut input = lock(&input);
            loop {
                sink(None)?;
                let Some(record) = input.records.next() else {
                    return Ok(());
                };
                sink(Some(self.extract_record(record)))?;
            }
        }
        // Results by index until those before them are handed over; a
        // panic waits its turn too, so what is handed over before it does
        // not depend on timing.
        let mut ready: BTreeMap<usize, thread::Result<Result<Extraction, RecordError>>> =
            BTreeMap::new();
        let mut next = 0;
        loop {
            let (index, result) = match rx.try_recv() {
                Ok(item) => item,
                Err(mpsc::TryRecvError::Empty) => {
                    sink(None)?;
                    match rx.recv() {
                        Ok(item) => item,
                        Err(_) => break,
                    }
                }
                Err(mpsc::TryRecvError::Disconnected) => break,
            };
            ready.insert(index, result);
            while let Some(result) = ready.remove(&next) {
                let result = result.unwrap_or_else(|payload| {
                    stop(&shared);
                    resume_unwind(payload)
                });
                {
                    let mut f = lock(&shared.0);
                    if let Some(bytes) = f.bytes.remove(&next) {
                        f.total -= bytes;
                    }
                }
                shared.1.notify_all();
                next += 1;
                sink(Some(result))?;
            }
        }
        debug_assert!(ready.is_empty(), "every result is handed over");
        // Every worker has sent all it will: they are ending.
        for h in handles {
            let _ = h.join();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Error};

    fn records(n: usize) -> Vec<Result<Article, RecordError>> {
        let samples: Vec<Article> = crate::samples::SAMPLES
            .iter()
            .map(|s| s.article())
            .collect();
        (0..n)
            .map(|i| {
                if i % 7 == 3 {
                    // A record that failed to read stays an error, in place.
                    return Err(RecordError::new(Default::default(), Error::Empty)
                        .with_id(Some(format!("bad-{i}"))));
                }
                let mut a = samples[i % samples.len()].clone();
                a.id = Some(format!("a-{i}"));
                Ok(a)
            })
            .collect()
    }

    fn ids(out: &[Result<Extraction, RecordError>]) -> Vec<String> {
        out.iter()
            .map(|r| match r {
                Ok(x) => x.id.clone().unwrap_or_default(),
                Err(e) => e.id.clone().unwrap_or_default(),
            })
            .collect()
    }

    #[test]
    fn results_come_in_input_order_and_equal_one_at_a_time_on_any_worker_count() {
        let ex = Extractor::new(Config::default()).unwrap();
        let alone: Vec<_> = records(40)
            .into_iter()
            .map(|r| ex.extract_record(r))
            .collect();
        for workers in [1, 2, 3, 8] {
            let mut out = Vec::new();
            let mut idles = 0;
            ex.extract_ordered(records(40).into_iter(), workers, |r| {
                match r {
                    Some(r) => out.push(r),
                    None => idles += 1,
                }
                Ok::<(), ()>(())
            })
            .unwrap();
            assert_eq!(ids(&out), ids(&alone), "{workers} workers");
            assert_eq!(out, alone, "{workers} workers");
            assert!(idles >= 1);
        }
    }

    #[test]
    fn an_error_from_the_consumer_stops_the_stream() {
        let ex = Extractor::new(Config::default()).unwrap();
        let taken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = taken.clone();
        let counted = records(1000).into_iter().inspect(move |_| {
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        let mut seen = 0;
        let r = ex.extract_ordered(counted, 2, |r| {
            seen += usize::from(r.is_some());
            if seen == 5 {
                Err("disk full")
            } else {
                Ok(())
            }
        });
        assert_eq!(r, Err("disk full"));
        assert_eq!(seen, 5);
        // Only what was in flight was read past the failure: the window,
        // and one record a worker may take as the window fills or as the
        // stream stops.
        let taken = taken.load(std::sync::atomic::Ordering::Relaxed);
        assert!(
            taken <= 5 + 2 * RECORDS_IN_FLIGHT_PER_WORKER + 2 * 2,
            "{taken} taken"
        );
    }

    #[test]
    fn a_panic_while_reading_reaches_the_caller() {
        let ex = Extractor::new(Config::default()).unwrap();
        let mut n = 0;
        let failing = records(30).into_iter().enumerate().map(|(i, r)| {
            assert!(i < 20, "the reader broke at record {i}");
            r
        });
        let caught = std::panic::catch_unwind(AssertUnwindSafe(|| {
            ex.extract_ordered(failing, 3, |r| {
                n += usize::from(r.is_some());
                Ok::<(), ()>(())
            })
        }));
        let message = caught.expect_err("the panic is raised again");
        let text = message
            .downcast_ref::<String>()
            .cloned()
            .unwrap_or_default();
        assert!(text.contains("the reader broke at record 20"), "{text}");
        // The panic took its turn: every record before it was handed over.
        assert_eq!(n, 20);
    }

    #[test]
    fn no_records_is_no_results() {
        let ex = Extractor::new(Config::default()).unwrap();
        let mut n = 0;
        ex.extract_ordered(std::iter::empty(), 4, |r| {
            n += usize::from(r.is_some());
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(n, 0);
    }
}
