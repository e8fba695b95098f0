//! Fuzz-style: whatever bytes are in the file, decoding answers with a ledger or an error,
//! never a panic; what does decode is stable under another save, and can be scored.

mod store_support;

use proptest::prelude::*;
use serde_json::Value;
use store_support::*;
use trustladder::core::ladder::review_all;
use trustladder::store::{self, DecodeError};

/// Decodes, and when that succeeds, checks that saving what was read reads back the same.
fn decode_is_total_and_stable(bytes: &[u8]) -> Result<(), TestCaseError> {
    match store::decode(bytes) {
        Ok(l) => {
            // Whatever a file holds once it is accepted, the views can score it.
            review_all(&l, today());
            prop_assert_eq!(store::decode(&store::encode(&l)), Ok(l));
        }
        Err(DecodeError::Shape { path, .. }) => prop_assert!(path.starts_with('$'), "{}", path),
        Err(_) => {}
    }
    Ok(())
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        Just(Value::from("2026-11-24")),
        Just(Value::from("kept")),
        Just(Value::from("trustladder")),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("person".to_string()),
                    Just("status".to_string()),
                    Just("resolved".to_string()),
                    Just("handle".to_string()),
                    Just("name".to_string()),
                    "[a-z_]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn valid_file() -> Vec<u8> {
    store::encode(&sample(3, 6))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        decode_is_total_and_stable(&bytes)?;
    }

    #[test]
    fn mutated_valid_files_never_panic(
        edits in proptest::collection::vec((0u8..4, any::<proptest::sample::Index>(), any::<u8>()), 1..6)
    ) {
        let mut bytes = valid_file();
        for (kind, at, byte) in edits {
            let i = at.index(bytes.len().max(1)).min(bytes.len());
            match kind {
                0 if i < bytes.len() => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                2 if i < bytes.len() => { bytes.remove(i); }
                _ => bytes.truncate(i),
            }
        }
        decode_is_total_and_stable(&bytes)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn documents_of_any_shape_never_panic(
        field in prop_oneof![
            Just("version"), Just("settings"), Just("people"), Just("promises"),
            Just("next_person_id"), Just("format"),
        ],
        value in json(),
        deep in any::<bool>(),
    ) {
        let mut doc: Value = serde_json::from_slice(&valid_file()).unwrap();
        if deep && doc[field].is_array() {
            doc[field][0] = value;
        } else {
            doc[field] = value;
        }
        decode_is_total_and_stable(&serde_json::to_vec(&doc).unwrap())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn any_settings_a_file_may_hold_never_panic_scoring(
        window in any::<u32>(),
        min_resolved in any::<u32>(),
        numbers in proptest::collection::vec(any::<f64>(), 7),
    ) {
        let mut doc: Value = serde_json::from_slice(&valid_file()).unwrap();
        let names = [
            "half_life_days_task", "hold_evidence_result", "hold_threshold",
            "ready_evidence_task", "ready_threshold", "slip_threshold", "kept_late_value",
        ];
        for (name, n) in names.iter().zip(numbers) {
            // Half of the cases keep a number in the range most settings accept.
            doc["settings"][*name] = Value::from(if n.is_sign_negative() { n.fract().abs() } else { n });
        }
        doc["settings"]["slip_window_days"] = Value::from(window);
        doc["settings"]["slip_min_broken_result"] = Value::from(min_resolved);
        decode_is_total_and_stable(&serde_json::to_vec(&doc).unwrap())?;
    }
}
