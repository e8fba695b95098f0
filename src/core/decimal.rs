//! A figure written with a fixed number of decimals, exactly as `format!("{x:.d$}")` writes it,
//! but in integer arithmetic wherever that cannot differ.
//!
//! `review` writes every rung's score and evidence several times over, each compared with its
//! thresholds at more and more digits until the comparison reads true (`core::ladder::words`).
//! The standard formatter rounds the exact binary value of the figure, which it works out with
//! a slow exact algorithm: at 10,000 promises that was a tenth of `review`'s instructions.

use std::fmt::Write as _;

/// The largest figure, times ten to the decimals, taken on the integer path: small enough that
/// the product's rounding error (half an ulp, under 1.2e-8 here) can never move it across a
/// half, which [`HALF_MARGIN`] keeps away from.
const MOST_SCALED: f64 = 1e8;

/// How close to a half the scaled figure may come before the standard formatter decides: there
/// the exact binary value, not the rounded product, says which way it goes.
const HALF_MARGIN: f64 = 1e-7;

/// `x` with `decimals` digits after the point, rounded as `format!("{x:.decimals$}")` rounds it
/// (to the nearest, the exact binary value deciding), and the same text.
pub fn fixed(x: f64, decimals: usize) -> String {
    let mut out = String::with_capacity(12);
    match scaled(x, decimals) {
        Some((whole, scale)) => {
            // Digits by hand: the formatter's machinery cost more than the figure's digits.
            let mut digits = itoa::Buffer::new();
            out.push_str(digits.format(whole / scale));
            if decimals > 0 {
                let fraction = digits.format(whole % scale);
                out.push('.');
                out.extend(std::iter::repeat_n('0', decimals - fraction.len()));
                out.push_str(fraction);
            }
        }
        None => {
            let _ = write!(out, "{x:.decimals$}");
        }
    }
    out
}

/// `x` times ten to the `decimals`, rounded to the nearest whole number, and that power of
/// ten; `None` where integer arithmetic might round otherwise than the exact value does (a
/// negative figure, one too large or too finely given, or one within a hair of a half).
fn scaled(x: f64, decimals: usize) -> Option<(u64, u64)> {
    let scale = 10u64.checked_pow(u32::try_from(decimals).ok()?)?;
    // Below 2^53 a power of ten is exact in a double.
    if x.is_nan() || x.is_sign_negative() || scale > 1 << 53 {
        return None;
    }
    let product = x * scale as f64;
    if product >= MOST_SCALED {
        return None;
    }
    let floor = product.floor();
    let fraction = product - floor;
    if (fraction - 0.5).abs() < HALF_MARGIN {
        return None;
    }
    let whole = floor as u64 + u64::from(fraction > 0.5);
    Some((whole, scale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn figures_read_as_the_standard_formatter_writes_them() {
        for (x, d, text) in [
            (0.0, 2, "0.00"),
            (0.0, 0, "0"),
            (2.996, 2, "3.00"),
            (2.994, 2, "2.99"),
            (66.666_666, 0, "67"),
            (79.98, 1, "80.0"),
            (0.7, 1, "0.7"),
            (4.57, 2, "4.57"),
            (99_999_999.4, 0, "99999999"),
            (123.0, 3, "123.000"),
        ] {
            assert_eq!(fixed(x, d), text, "{x} with {d}");
            assert_eq!(fixed(x, d), format!("{x:.d$}"), "{x} with {d}");
        }
    }

    /// Where the scaled figure is a half, or close, the exact binary value decides, as it does
    /// for the standard formatter: 0.125 is exact and goes to the even 0.12, 0.135 is stored a
    /// little under and goes down, 2.675 too.
    #[test]
    fn halves_and_the_rest_are_left_to_the_standard_formatter() {
        for (x, d) in [
            (0.125, 2),
            (0.375, 2),
            (2.5, 0),
            (3.5, 0),
            (0.135, 2),
            (2.675, 2),
            (1.005, 2),
            (-0.001, 2),
            (-0.0, 1),
            (-3.25, 1),
            (f64::NAN, 2),
            (f64::INFINITY, 0),
            (1e8, 0),
            (1e300, 2),
            (0.5, 30),
        ] {
            assert_eq!(fixed(x, d), format!("{x:.d$}"), "{x} with {d}");
        }
        assert_eq!(fixed(0.125, 2), "0.12");
        assert_eq!(fixed(-0.001, 2), "-0.00");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Any figure a review shows (a score in percent, evidence, a threshold), with any
        /// digits it may be given, reads the same both ways.
        #[test]
        fn any_figure_reads_the_same(x in 0.0f64..1000.0, d in 0usize..9) {
            prop_assert_eq!(fixed(x, d), format!("{x:.d$}"));
        }

        /// Figures on a grid of hundredths and thousandths, where halves are likeliest.
        #[test]
        fn figures_on_a_grid_read_the_same(n in 0u32..200_000, d in 0usize..4) {
            let x = f64::from(n) / 1000.0;
            prop_assert_eq!(fixed(x, d), format!("{x:.d$}"));
        }
    }
}
