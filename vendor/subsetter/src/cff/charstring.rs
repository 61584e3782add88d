use crate::cff::argstack::ArgumentsStack;
use crate::cff::number::{IntegerNumber, Number};
use crate::cff::operator::Operator;
use crate::cff::subroutines::SubroutineHandler;
use crate::read::Reader;
use crate::write::Writer;
use crate::Error::{CFFError, Unimplemented};
use crate::{Error, Result};
use operators::*;

pub type CharString<'a> = &'a [u8];

// Adapted from fonttools.
/// A charstring decompiler.
pub struct Decompiler<'a> {
    gsubr_handler: SubroutineHandler<'a>,
    lsubr_handler: SubroutineHandler<'a>,
    stack: ArgumentsStack,
    hint_count: u16,
    hint_mask_bytes: u16,
}

enum CharStringEnd {
    Return,
    EndChar,
}

impl<'a> Decompiler<'a> {
    /// Create a new charstring decompiler.
    pub fn new(
        gsubr_handler: SubroutineHandler<'a>,
        lsubr_handler: SubroutineHandler<'a>,
    ) -> Self {
        Self {
            gsubr_handler,
            lsubr_handler,
            stack: ArgumentsStack::new(),
            hint_count: 0,
            hint_mask_bytes: 0,
        }
    }

    /// Decompile a charstring with its subroutines inlined straight into the bytes that
    /// the subsetter writes for the glyph (operands in their shortest form).
    /// `starts` is scratch space (where each instruction begins), kept between glyphs.
    pub fn decompile_to_bytes(
        mut self,
        charstring: CharString<'a>,
        out: &mut Writer,
        starts: &mut Vec<usize>,
    ) -> Result<()> {
        starts.clear();
        let mut program = Compiled { out, starts };
        self.decompile_inner(charstring, &mut program, 1)?;
        Ok(())
    }

    fn decompile_inner(
        &mut self,
        charstring: CharString<'a>,
        program: &mut Compiled<'_>,
        depth: u8,
    ) -> Result<CharStringEnd> {
        if depth > 64 {
            return Err(CFFError);
        }

        let mut r = Reader::new(charstring);

        while !r.at_end() {
            // We need to peak instead of read because parsing a number requires
            // access to the whole buffer.
            let op = r.peak::<u8>().ok_or(Error::CFFError)?;

            // Numbers
            if matches!(op, 28 | 32..=255) {
                // An integer of one byte (32-246) or two (247-254) is copied as read: each of
                // those ranges of values has exactly one encoding, the one `IntegerNumber`
                // writes. Others (28, a short int, which may have a shorter form; 255, a
                // fixed) are parsed and written from their value.
                let number = match op {
                    32..=246 => {
                        r.read::<u8>();
                        program.operand_as_read(&[op]);
                        Number::from_i32(IntegerNumber::one_byte(op))
                    }
                    247..=254 => {
                        r.read::<u8>();
                        let b1 = r.read::<u8>().ok_or(CFFError)?;
                        program.operand_as_read(&[op, b1]);
                        Number::from_i32(IntegerNumber::two_bytes(op, b1))
                    }
                    _ => {
                        let number =
                            Number::parse_char_string_number(&mut r).ok_or(CFFError)?;
                        program.operand(number);
                        number
                    }
                };
                self.stack.push(number)?;
                continue;
            }

            // No numbers can appear now, so now we can actually read it.
            let op = r.read::<u8>().ok_or(CFFError)?;
            let operator = if op == 12 {
                Operator::from_two_byte(r.read::<u8>().ok_or(CFFError)?)
            } else {
                Operator::from_one_byte(op)
            };

            match operator {
                HFLEX | FLEX | HFLEX1 | FLEX1 => {
                    self.stack.pop_all();
                    program.operator(operator);
                }
                HORIZONTAL_STEM
                | VERTICAL_STEM
                | HORIZONTAL_STEM_HINT_MASK
                | VERTICAL_STEM_HINT_MASK => {
                    self.count_hints();
                    program.operator(operator);
                }
                VERTICAL_MOVE_TO | HORIZONTAL_MOVE_TO | LINE_TO | VERTICAL_LINE_TO
                | HORIZONTAL_LINE_TO | MOVE_TO | CURVE_LINE | LINE_CURVE
                | VV_CURVE_TO | VH_CURVE_TO | HH_CURVE_TO | HV_CURVE_TO | CURVE_TO => {
                    self.stack.pop_all();
                    program.operator(operator);
                }
                RETURN => return Ok(CharStringEnd::Return),
                CALL_GLOBAL_SUBROUTINE => {
                    // Pop the subroutine index from the program.
                    program.pop();

                    let biased_index =
                        self.stack.pop().and_then(|n| n.as_i32()).ok_or(CFFError)?;
                    let gsubr = self
                        .gsubr_handler
                        .get_with_biased(biased_index)
                        .ok_or(CFFError)?;
                    if matches!(
                        self.decompile_inner(gsubr, program, depth + 1)?,
                        CharStringEnd::EndChar
                    ) {
                        return Ok(CharStringEnd::EndChar);
                    }
                }
                CALL_LOCAL_SUBROUTINE => {
                    // Pop the subroutine index from the program.
                    program.pop();

                    let biased_index =
                        self.stack.pop().and_then(|n| n.as_i32()).ok_or(CFFError)?;
                    let lsubr = self
                        .lsubr_handler
                        .get_with_biased(biased_index)
                        .ok_or(CFFError)?;
                    if matches!(
                        self.decompile_inner(lsubr, program, depth + 1)?,
                        CharStringEnd::EndChar
                    ) {
                        return Ok(CharStringEnd::EndChar);
                    }
                }
                HINT_MASK | COUNTER_MASK => {
                    program.operator(operator);
                    if self.hint_mask_bytes == 0 {
                        // Hintmask can contain implicit stems.
                        self.count_hints();
                        self.hint_mask_bytes = self.hint_count.div_ceil(8);
                    }

                    let hint_bytes =
                        r.read_bytes(self.hint_mask_bytes as usize).ok_or(CFFError)?;
                    program.hint_mask(hint_bytes);
                }
                ENDCHAR => {
                    // We don't support seac for now. It's a deprecated feature and Typst for some
                    // reason does not support it anyway.
                    if self.stack.len() >= 4 {
                        return Err(Unimplemented);
                    }

                    program.operator(operator);

                    return Ok(CharStringEnd::EndChar);
                }
                _ => {
                    return Err(CFFError);
                }
            }
        }

        Ok(CharStringEnd::Return)
    }

    fn count_hints(&mut self) {
        let elements = self.stack.pop_all();
        self.hint_count += elements as u16 / 2;
    }
}

/// A program's compiled bytes, with where each instruction begins so that the last one can
/// be taken back.
struct Compiled<'w> {
    out: &'w mut Writer,
    starts: &'w mut Vec<usize>,
}

impl Compiled<'_> {
    /// An operand, written from its value.
    fn operand(&mut self, number: Number) {
        self.starts.push(self.out.len());
        self.out.write(number);
    }

    /// An operand whose bytes as read are the bytes it is written as.
    fn operand_as_read(&mut self, bytes: &[u8]) {
        self.starts.push(self.out.len());
        for &b in bytes {
            self.out.write(b);
        }
    }

    fn operator(&mut self, operator: Operator) {
        self.starts.push(self.out.len());
        self.out.write(operator);
    }

    fn hint_mask(&mut self, bytes: &[u8]) {
        self.starts.push(self.out.len());
        self.out.extend(bytes);
    }

    /// Removes the last instruction (a subroutine call's index).
    fn pop(&mut self) {
        if let Some(start) = self.starts.pop() {
            self.out.truncate(start);
        }
    }
}

#[allow(dead_code)]
pub mod operators {
    use crate::cff::operator::Operator;

    pub const HORIZONTAL_STEM: Operator = Operator::from_one_byte(1);
    pub const VERTICAL_STEM: Operator = Operator::from_one_byte(3);
    pub const VERTICAL_MOVE_TO: Operator = Operator::from_one_byte(4);
    pub const LINE_TO: Operator = Operator::from_one_byte(5);
    pub const HORIZONTAL_LINE_TO: Operator = Operator::from_one_byte(6);
    pub const VERTICAL_LINE_TO: Operator = Operator::from_one_byte(7);
    pub const CURVE_TO: Operator = Operator::from_one_byte(8);
    pub const CALL_LOCAL_SUBROUTINE: Operator = Operator::from_one_byte(10);
    pub const RETURN: Operator = Operator::from_one_byte(11);
    pub const ENDCHAR: Operator = Operator::from_one_byte(14);
    pub const HORIZONTAL_STEM_HINT_MASK: Operator = Operator::from_one_byte(18);
    pub const HINT_MASK: Operator = Operator::from_one_byte(19);
    pub const COUNTER_MASK: Operator = Operator::from_one_byte(20);
    pub const MOVE_TO: Operator = Operator::from_one_byte(21);
    pub const HORIZONTAL_MOVE_TO: Operator = Operator::from_one_byte(22);
    pub const VERTICAL_STEM_HINT_MASK: Operator = Operator::from_one_byte(23);
    pub const CURVE_LINE: Operator = Operator::from_one_byte(24);
    pub const LINE_CURVE: Operator = Operator::from_one_byte(25);
    pub const VV_CURVE_TO: Operator = Operator::from_one_byte(26);
    pub const HH_CURVE_TO: Operator = Operator::from_one_byte(27);
    pub const SHORT_INT: Operator = Operator::from_one_byte(28);
    pub const CALL_GLOBAL_SUBROUTINE: Operator = Operator::from_one_byte(29);
    pub const VH_CURVE_TO: Operator = Operator::from_one_byte(30);
    pub const HV_CURVE_TO: Operator = Operator::from_one_byte(31);
    pub const HFLEX: Operator = Operator::from_two_byte(34);
    pub const FLEX: Operator = Operator::from_two_byte(35);
    pub const HFLEX1: Operator = Operator::from_two_byte(36);
    pub const FLEX1: Operator = Operator::from_two_byte(37);
    pub const FIXED_16_16: Operator = Operator::from_one_byte(255);
}
