use crate::cff::charstring::CharString;
use crate::cff::index::Index;

/// A wrapper over a vector of subroutine containers (for local subroutines, where
/// we have a list of subroutines for each font dict).
pub struct SubroutineCollection<'a> {
    subroutines: Vec<SubroutineContainer<'a>>,
}

impl<'a> SubroutineCollection<'a> {
    pub fn new(subroutines: Vec<Index<'a>>) -> Self {
        debug_assert!(subroutines.len() <= 255);
        Self {
            subroutines: subroutines.into_iter().map(SubroutineContainer::new).collect(),
        }
    }

    pub fn get_handler(&self, fd_index: u8) -> Option<SubroutineHandler<'a>> {
        self.subroutines.get(fd_index as usize).map(|s| s.get_handler())
    }
}

/// A subroutine INDEX (for global subroutines, or the local ones of one font dict).
///
/// The INDEX is kept as it is in the font and a subroutine is read when a charstring calls
/// it: a CJK font has some 20,000 subroutines, of which a subset of a few hundred glyphs
/// calls a small part, so collecting them all first cost more than the calls.
pub struct SubroutineContainer<'a> {
    subroutines: Index<'a>,
}

impl<'a> SubroutineContainer<'a> {
    pub fn new(subroutines: Index<'a>) -> Self {
        Self { subroutines }
    }

    pub fn get_handler(&self) -> SubroutineHandler<'a> {
        SubroutineHandler::new(self.subroutines)
    }
}

/// Wrapper over a list of subroutines to allow for convenient access to subroutines
/// given a biased or unbiased index.
#[derive(Clone)]
pub struct SubroutineHandler<'a> {
    subroutines: Index<'a>,
    bias: u16,
}

impl<'a> SubroutineHandler<'a> {
    pub fn new(subroutines: Index<'a>) -> Self {
        Self { subroutines, bias: calc_subroutine_bias(subroutines.len()) }
    }

    pub fn get_with_biased(&self, index: i32) -> Option<CharString<'a>> {
        self.get_with_unbiased(unapply_bias(index, self.bias)?)
    }

    pub fn get_with_unbiased(&self, index: u32) -> Option<CharString<'a>> {
        self.subroutines.get(index)
    }
}

fn calc_subroutine_bias(len: u32) -> u16 {
    if len < 1240 {
        107
    } else if len < 33900 {
        1131
    } else {
        32768
    }
}

/// Unapply the bias from a biased subroutine offset.
pub fn unapply_bias(index: i32, bias: u16) -> Option<u32> {
    let bias = i32::from(bias);

    u32::try_from(index.checked_add(bias)?).ok()
}
