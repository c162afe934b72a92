//! Code lookup for large tables: a perfect hash built by the macro.
//!
//! Small tables look codes up with a generated `match`, which the compiler
//! turns into a switch on the length and a few compares. That grows with
//! the table, so above a few dozen rows the macro builds a perfect hash
//! instead (with `phf_generator`, as `phf_codegen` does) and the lookup
//! hashes the code once and compares it with one entry, whatever the size.

/// A perfect hash table of the codes of one table, laid out by the macro.
///
/// The fields are public so that generated code can write the table as a
/// `static`; only the macro fills them in.
#[derive(Debug)]
pub struct CodeMap<C: 'static> {
    /// The key of the hash function that places every code.
    pub key: u64,
    /// The displacements of the hash buckets.
    pub disps: &'static [(u32, u32)],
    /// The codes in slot order.
    pub entries: &'static [(&'static str, C)],
}

impl<C: Copy> CodeMap<C> {
    /// The code whose wire string is `code`, compared exactly.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<C> {
        // `get_index` divides by the number of buckets: an empty table has
        // none, and nothing to find.
        if self.disps.is_empty() {
            return None;
        }
        let hashes = phf_shared::hash(code, &self.key);
        let slot = phf_shared::get_index(&hashes, self.disps, self.entries.len());
        let (candidate, found) = self.entries.get(usize::try_from(slot).ok()?)?;
        (*candidate == code).then_some(*found)
    }
}
