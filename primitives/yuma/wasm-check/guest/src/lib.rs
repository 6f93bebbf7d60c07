//! The consensus engine compiled to WASM, as the runtime compiles it:
//! exports `digest()` over the shared scenarios.
#![no_std]

extern crate alloc;

use core::{
	alloc::{GlobalAlloc, Layout},
	cell::UnsafeCell,
	sync::atomic::{AtomicUsize, Ordering},
};

#[path = "../../scenarios.rs"]
mod scenarios;

/// A bump allocator over a fixed 32 MiB arena (the scenarios need far less).
struct Bump {
	arena: UnsafeCell<[u8; 32 << 20]>,
	next: AtomicUsize,
}

unsafe impl Sync for Bump {}

unsafe impl GlobalAlloc for Bump {
	unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
		let base = self.arena.get() as usize;
		let start = (base + self.next.load(Ordering::Relaxed) + layout.align() - 1) & !(layout.align() - 1);
		let end = start + layout.size();
		if end > base + (32 << 20) {
			return core::ptr::null_mut();
		}
		self.next.store(end - base, Ordering::Relaxed);
		start as *mut u8
	}

	unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
}

#[global_allocator]
static HEAP: Bump = Bump { arena: UnsafeCell::new([0; 32 << 20]), next: AtomicUsize::new(0) };

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
	core::arch::wasm32::unreachable()
}

/// The digest of every output of the shared scenarios.
#[no_mangle]
pub extern "C" fn digest() -> u64 {
	scenarios::digest()
}
