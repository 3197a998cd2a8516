//! Work spread over threads, results kept in the order of the items: how `scan` shares its
//! inputs (and parts of big files) among the cores, and `check` the files it reads again.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` on every item, on up to `threads` threads, each taking the next item as it is free;
/// every thread starts with a scratch state from `init` (a read buffer) that its items share.
/// Returns the results in the items' order.
pub fn in_order<T: Send, S, R: Send>(
    items: Vec<T>,
    threads: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, T) -> R + Sync,
) -> Vec<R> {
    let slots: Vec<Mutex<(Option<T>, Option<R>)>> =
        items.into_iter().map(|item| Mutex::new((Some(item), None))).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1).min(slots.len()) {
            scope.spawn(|| {
                let mut state = init();
                while let Some(slot) = slots.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
                    if let Some(item) = slot.0.take() {
                        slot.1 = Some(work(&mut state, item));
                    }
                }
            });
        }
    });
    // A thread that panicked has taken the scope down with it: every slot holds its result.
    slots.into_iter().filter_map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner()).1).collect()
}

/// The number of threads to use by default: one per core.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
