//! Reading a duration token (`60`, `60s`, `5m`): the grammar accepts any
//! run of digits, letters and fractions that starts with a digit, so that
//! what is wrong with `1h30m`, `1.5h` or `10sec` can be said precisely and
//! the equivalent single-unit value suggested where there is one.

/// The units, largest first: (unit, seconds).
const UNITS: [(&str, u64); 5] = [
    ("w", 604_800),
    ("d", 86_400),
    ("h", 3600),
    ("m", 60),
    ("s", 1),
];

/// What a duration token is.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Reading<'t> {
    Seconds(u64),
    Negative,
    /// Too many seconds for 64 bits.
    TooLong,
    /// A unit steer does not know and cannot guess (`5ms`).
    UnknownUnit(&'t str),
    /// A unit written as a word or in capitals (`10sec`, `1hr`, `5M`):
    /// the unit, and the token written right, when it is a whole number
    /// of seconds.
    MisspelledUnit(&'t str, Option<String>),
    /// Several numbers with units (`1h30m`), and the single-unit value.
    Combined(Option<String>),
    /// A fraction (`1.5h`), and the single-unit value when it is a whole
    /// number of seconds.
    Fractional(Option<String>),
}

/// Reads a duration token as written (an integer or a `duration` pair).
pub(super) fn read(text: &str) -> Reading<'_> {
    if text.starts_with('-') {
        return Reading::Negative;
    }
    let mut rest = text;
    let mut nanos: Option<u128> = Some(0);
    let mut parts = 0;
    let mut fractional = false;
    let mut misspelled = None;
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_end);
        let unit_end = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_end);
        rest = after;
        parts += 1;
        let seconds = match unit_seconds(unit) {
            Some(s) => s,
            None => match guess_unit(unit) {
                Some(s) => {
                    misspelled.get_or_insert(unit);
                    s
                }
                None => return Reading::UnknownUnit(unit),
            },
        };
        fractional |= number.contains('.');
        nanos =
            nanos.and_then(|n| n.checked_add(number_nanos(number)?.checked_mul(seconds as u128)?));
    }
    let exact = nanos
        .filter(|n| n % 1_000_000_000 == 0)
        .and_then(|n| u64::try_from(n / 1_000_000_000).ok());
    // Written only for a reading that is a mistake, not for every duration.
    let suggestion = || exact.map(single_unit);
    if let Some(unit) = misspelled {
        return Reading::MisspelledUnit(unit, suggestion());
    }
    if parts > 1 {
        return Reading::Combined(suggestion());
    }
    if fractional {
        return Reading::Fractional(suggestion());
    }
    match exact {
        Some(seconds) => Reading::Seconds(seconds),
        None => Reading::TooLong,
    }
}

fn unit_seconds(unit: &str) -> Option<u64> {
    if unit.is_empty() {
        return Some(1);
    }
    UNITS.iter().find(|(u, _)| *u == unit).map(|&(_, s)| s)
}

/// The unit a word or a capital most likely means.
fn guess_unit(unit: &str) -> Option<u64> {
    let meant = match unit.to_ascii_lowercase().as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" => "s",
        "m" | "min" | "mins" | "minute" | "minutes" => "m",
        "h" | "hr" | "hrs" | "hour" | "hours" => "h",
        "d" | "day" | "days" => "d",
        "w" | "wk" | "wks" | "week" | "weeks" => "w",
        _ => return None,
    };
    unit_seconds(meant)
}

/// `number` (digits, perhaps with one fraction) in billionths; `None` when
/// it is too large or has a finer fraction than a billionth.
fn number_nanos(number: &str) -> Option<u128> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if fraction.len() > 9 || fraction.contains('.') {
        return None;
    }
    let whole: u128 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let fraction: u128 = if fraction.is_empty() {
        0
    } else {
        fraction.parse::<u128>().ok()? * 10u128.pow(9 - fraction.len() as u32)
    };
    whole.checked_mul(1_000_000_000)?.checked_add(fraction)
}

/// `seconds` written with the largest unit that divides it: `90m`, `36h`.
pub(super) fn single_unit(seconds: u64) -> String {
    let (unit, size) = UNITS
        .iter()
        .find(|(_, size)| seconds > 0 && seconds % size == 0)
        .copied()
        .unwrap_or(("s", 1));
    format!("{}{unit}", seconds / size)
}

#[cfg(test)]
mod tests {
    use super::Reading::*;
    use super::*;

    #[test]
    fn reads_single_units_and_plain_seconds() {
        assert_eq!(read("60"), Seconds(60));
        assert_eq!(read("60s"), Seconds(60));
        assert_eq!(read("5m"), Seconds(300));
        assert_eq!(read("2w"), Seconds(1_209_600));
        assert_eq!(read("-5"), Negative);
        assert_eq!(read("99999999999999999999w"), TooLong);
    }

    #[test]
    fn says_what_is_wrong_and_suggests_one_unit() {
        assert_eq!(read("1h30m"), Combined(Some("90m".into())));
        assert_eq!(read("1d12h"), Combined(Some("36h".into())));
        assert_eq!(read("1.5h"), Fractional(Some("90m".into())));
        assert_eq!(read("0.5s"), Fractional(None));
        assert_eq!(read("1.5"), Fractional(None));
        assert_eq!(read("10sec"), MisspelledUnit("sec", Some("10s".into())));
        assert_eq!(read("5mins"), MisspelledUnit("mins", Some("5m".into())));
        assert_eq!(read("1hr"), MisspelledUnit("hr", Some("1h".into())));
        assert_eq!(read("1hr30min"), MisspelledUnit("hr", Some("90m".into())));
        assert_eq!(read("5M"), MisspelledUnit("M", Some("5m".into())));
        assert_eq!(read("5ms"), UnknownUnit("ms"));
        assert_eq!(read("1.2.3h"), Fractional(None));
    }

    #[test]
    fn single_unit_picks_the_largest_exact_unit() {
        assert_eq!(single_unit(5400), "90m");
        assert_eq!(single_unit(0), "0s");
        assert_eq!(single_unit(61), "61s");
        assert_eq!(single_unit(604_800), "1w");
    }
}
