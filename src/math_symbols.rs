//! The three C maths functions the program calls, `expf`, `logf` and `powf` (the FSRS
//! scheduler's `f32` arithmetic), defined here so that the binary does not load the
//! system's `libm.so` for them.
//!
//! Why: on Linux, loading `libm.so.6` made 0.33 MB of it resident at every start (the
//! loader runs all of its function resolvers), a fifth of the gap to the memory target in
//! `docs/benchmarks.md`; these three are all the program took from it. The linker binds
//! calls to these definitions, and with `--as-needed` (rustc's default) drops `libm.so.6`
//! from the binary's needed libraries. `readelf -d target/release/studydeck` shows it.
//!
//! How: each is computed in `f64` (the `libm` crate, a port of musl's, within one `f64`
//! ulp) and rounded once to `f32`. That gives the correctly rounded `f32` result except
//! when the exact value lies within 2^-52 of a halfway point between two `f32`s, so the
//! results do not depend on the C library's own approximations. glibc's own `f32` functions are within about
//! half an ulp and differ from the correctly rounded result in the last bit for about 6 in
//! 10,000 inputs of the scheduler's ranges (measured; session 5's note): schedules can
//! differ from a glibc build's by one `f32` ulp of stability, never by a day in practice.
//! The schedule snapshot is keyed by the build, so a new build replays the log itself.
//!
//! Only on Linux with glibc, where the system library is a separate `libm.so`; elsewhere the
//! platform's own functions are used. The release build (one LTO unit) binds every call to
//! these; a build that links the calls of a dependency before this crate's objects (a debug
//! build may) can still take them from `libm.so`, which is harmless.
//! `readelf -d target/release/studydeck | grep NEEDED` shows which.

/// `expf(3)`.
#[unsafe(no_mangle)]
pub extern "C" fn expf(x: f32) -> f32 {
    libm::exp(f64::from(x)) as f32
}

/// `logf(3)`.
#[unsafe(no_mangle)]
pub extern "C" fn logf(x: f32) -> f32 {
    libm::log(f64::from(x)) as f32
}

/// `powf(3)`.
#[unsafe(no_mangle)]
pub extern "C" fn powf(x: f32, y: f32) -> f32 {
    libm::pow(f64::from(x), f64::from(y)) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The special cases C99 Annex F gives these functions, which the `f64` route must keep.
    #[test]
    fn special_values_are_c99s() {
        let (inf, nan) = (f32::INFINITY, f32::NAN);
        assert_eq!(expf(0.0), 1.0);
        assert_eq!(expf(-inf), 0.0);
        assert_eq!(expf(inf), inf);
        assert_eq!(expf(89.0), inf, "overflows f32 though not f64");
        assert_eq!(expf(-104.0), 0.0, "underflows f32");
        assert!(expf(nan).is_nan());
        assert_eq!(logf(1.0), 0.0);
        assert_eq!(logf(0.0), -inf);
        assert_eq!(logf(inf), inf);
        assert!(logf(-1.0).is_nan());
        assert_eq!(powf(2.0, 10.0), 1024.0);
        assert_eq!(powf(nan, 0.0), 1.0);
        assert_eq!(powf(1.0, nan), 1.0);
        assert_eq!(powf(0.0, -1.0), inf);
        assert!(powf(-8.0, 1.0 / 3.0).is_nan());
        assert_eq!(powf(-2.0, 3.0), -8.0);
        assert_eq!(powf(10.0, 39.0), inf, "overflows f32 though not f64");
    }

    /// Within half an ulp of the exact value, checked against `f64` arithmetic where it is
    /// exact or near enough: the result is the nearest `f32`.
    #[test]
    fn results_are_the_nearest_f32() {
        for i in 1..2000 {
            let x = i as f32 * 0.37;
            let exact = f64::from(x).ln();
            let got = f64::from(logf(x));
            let ulp = f64::from(f32::from_bits(logf(x).to_bits() + 1)) - got;
            assert!((got - exact).abs() <= ulp.abs() / 2.0 + 1e-300, "logf({x})");
            let e = -(i as f32) / 2000.0;
            let exact = f64::from(x).powf(f64::from(e));
            let got = f64::from(powf(x, e));
            let ulp = f64::from(f32::from_bits(powf(x, e).to_bits() + 1)) - got;
            assert!((got - exact).abs() <= ulp.abs() / 2.0, "powf({x}, {e})");
        }
    }
}
