//! Calendar dates and clock times as they appear in meeting descriptions (ISO 8601).

use serde::{Deserialize, Deserializer, de};
use std::fmt;

/// A real calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting dates that do not exist (e.g. `2021-02-30`).
    pub fn parse(s: &str) -> Result<Date, String> {
        let bytes = s.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(format!("`{s}` is not a date of the form YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u16>().unwrap_or(0);
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        if !(1900..=2999).contains(&year) {
            return Err(format!("`{s}`: year {year} is out of range 1900–2999"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("`{s}`: there is no month {month}"));
        }
        let date = Date { year, month: month as u8, day: day as u8 };
        if day == 0 || day as u8 > date.days_in_month() {
            return Err(format!(
                "`{s}` is not a calendar date: {} has {} days",
                date.month_name_en(),
                date.days_in_month()
            ));
        }
        Ok(date)
    }

    fn is_leap(self) -> bool {
        let y = self.year as u32;
        (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
    }

    pub fn days_in_month(self) -> u8 {
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if self.is_leap() => 29,
            _ => 28,
        }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // Sakamoto's method (0 = Sunday), shifted so that Monday is 0.
        const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let mut y = self.year as u32;
        if self.month < 3 {
            y -= 1;
        }
        let sunday0 = (y + y / 4 - y / 100 + y / 400 + T[self.month as usize - 1] + self.day as u32) % 7;
        ((sunday0 + 6) % 7) as u8
    }

    /// Days since 1970-01-01, for ordering and for PDF dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    fn month_name_en(self) -> &'static str {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        NAMES[(self.month as usize).saturating_sub(1) % 12]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(de::Error::custom)
    }
}

/// A clock time, `HH:MM` on the 24-hour clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
}

impl Time {
    pub fn parse(s: &str) -> Result<Time, String> {
        let err = || format!("`{s}` is not a time of the form HH:MM (24-hour clock)");
        let (h, m) = s.split_once(':').ok_or_else(err)?;
        let two_digits = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
        if !two_digits(h) || !two_digits(m) {
            return Err(err());
        }
        let hour: u8 = h.parse().map_err(|_| err())?;
        let minute: u8 = m.parse().map_err(|_| err())?;
        if hour > 23 || minute > 59 {
            return Err(err());
        }
        Ok(Time { hour, minute })
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Time::parse(&s).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2021-02-30").is_err());
        assert!(Date::parse("2021-13-01").is_err());
        assert!(Date::parse("2021-3-1").is_err());
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("2100-02-29").is_err());
    }

    #[test]
    fn weekdays() {
        // 25 March 2021 was a Thursday, 26 March a Friday.
        assert_eq!(Date::parse("2021-03-25").map(Date::weekday), Ok(3));
        assert_eq!(Date::parse("2021-03-26").map(Date::weekday), Ok(4));
        assert_eq!(Date::parse("2000-01-01").map(Date::weekday), Ok(5));
    }

    #[test]
    fn epoch_days() {
        assert_eq!(Date::parse("1970-01-01").map(Date::days_since_epoch), Ok(0));
        assert_eq!(Date::parse("2021-03-25").map(Date::days_since_epoch), Ok(18711));
    }

    #[test]
    fn times() {
        assert_eq!(Time::parse("15:00"), Ok(Time { hour: 15, minute: 0 }));
        assert!(Time::parse("24:00").is_err());
        assert!(Time::parse("9:00").is_err());
        assert!(Time::parse("+9:00").is_err());
        assert!(Time::parse("09:+5").is_err());
        assert!(Time::parse("12:60").is_err());
        assert!(Time::parse("１２:00").is_err());
    }
}
