use std::time::Instant;
fn t<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let s = Instant::now();
    let r = f();
    eprintln!("{name:>20}: {:8.2} ms", s.elapsed().as_secs_f64() * 1e3);
    r
}
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let what = std::env::args().nth(2).unwrap();
    let bytes = t("read", || std::fs::read(&path).unwrap());
    let l = trustladder::store::decode(&bytes).unwrap();
    for _ in 0..10 {
        if what == "decode" {
            let l = t("decode", || trustladder::store::decode(&bytes).unwrap());
            std::mem::forget(l);
        }
        if what == "encode" {
            t("encode", || trustladder::store::encode(&l));
        }
        if what == "check" {
            let mut l2 = l.clone();
            t("check", || l2.normalize_and_check().unwrap());
        }
    }
}
