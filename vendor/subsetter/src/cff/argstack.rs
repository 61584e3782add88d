use crate::cff::number::Number;
use crate::Error::CFFError;
use crate::Result;

const MAX_OPERANDS_LEN: usize = 48;

// Taken from ttf-parser.
/// The operand stack of a charstring, in a fixed array: operators clear it many times a
/// glyph, and a vector given up on every clear was reallocated by the next operand.
pub struct ArgumentsStack {
    data: [Number; MAX_OPERANDS_LEN],
    len: usize,
}

impl ArgumentsStack {
    pub fn new() -> Self {
        Self { data: [Number::zero(); MAX_OPERANDS_LEN], len: 0 }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn push(&mut self, n: Number) -> Result<()> {
        let slot = self.data.get_mut(self.len).ok_or(CFFError)?;
        *slot = n;
        self.len += 1;
        Ok(())
    }

    #[inline]
    pub fn pop(&mut self) -> Option<Number> {
        self.len = self.len.checked_sub(1)?;
        self.data.get(self.len).copied()
    }

    /// Empties the stack, returning how many operands it held.
    #[inline]
    pub fn pop_all(&mut self) -> usize {
        std::mem::take(&mut self.len)
    }
}
