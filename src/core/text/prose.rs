//! The small pieces every sentence of the app is made of: counts, lists, capitals.

/// `text` with its first letter in capitals, where it starts a sentence.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The first `shown` of `items`, and how many more ("a, b, c and 4 more"): a list that stays
/// a line however many there are.
pub fn first_of(items: &[&str], shown: usize) -> String {
    let named = items
        .iter()
        .take(shown)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    match items.len().saturating_sub(shown) {
        0 => named,
        more => format!("{named} and {more} more"),
    }
}

/// Items as a sentence lists them, the last joined by `word`: "a", "a and b", "a, b or c".
pub fn listed(items: &[&str], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// A count and its noun, in the form the count takes: "1 promise", "3 people". Every message
/// that counts says it this one way.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A number of days as a count says it: "1 day", "3 days" (and "-2 days").
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}
