//! Recogniser throughput: counts the lines of a file that hold a code of the built-in catalog
//! (known, or unknown of a known namespace), as `rg -c` counts matching lines, reading the file
//! in chunks cut at line ends.
//!
//! Usage: `recognize FILE`; prints the count.

use std::io::Read;

use errcode_ls::recognize::Recognizer;
use errcode_ls::workspace::load_catalogs;

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: recognize FILE");
        std::process::exit(2);
    };
    let (catalog, _) = load_catalogs(true, &[]);
    let recognizer = Recognizer::new(&catalog);
    let mut file = std::fs::File::open(path)?;
    let mut buffer = vec![0u8; 256 * 1024];
    let mut filled = 0;
    let mut lines = 0u64;
    loop {
        let read = file.read(&mut buffer[filled..])?;
        let end = filled + read;
        // Scan up to the last line end; keep the rest for the next read.
        let cut = if read == 0 { end } else { memchr::memrchr(b'\n', &buffer[..end]).map_or(0, |i| i + 1) };
        let mut last_line_end = 0;
        for occurrence in recognizer.find_iter(&buffer[..cut]) {
            if occurrence.range.start >= last_line_end {
                lines += 1;
                last_line_end = memchr::memchr(b'\n', &buffer[occurrence.range.end..cut])
                    .map_or(cut, |i| occurrence.range.end + i + 1);
            }
        }
        if read == 0 {
            break;
        }
        buffer.copy_within(cut..end, 0);
        filled = end - cut;
        if filled == buffer.len() {
            // A line longer than the buffer: grow it rather than lose the line.
            buffer.resize(buffer.len() * 2, 0);
        }
    }
    println!("{lines}");
    Ok(())
}
