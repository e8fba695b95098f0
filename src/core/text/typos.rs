//! How near a mistyped word is to the one meant: the one rule for every "did you mean".

/// The edit distance between two words (insertions, deletions, substitutions, and two
/// neighbours swapped): how near a mistyped word is to one that was meant.
pub fn edits(a: &str, b: &str) -> usize {
    // Two letters swapped is one slip of the fingers, as `pryia` for `priya`.
    strsim::osa_distance(a, b)
}

/// How far `typed` is from `meant` when it is near enough to be a typo of it:
/// one edit, or two when either word has six letters or more (`parkkk` for `park`, `fridya`
/// for `friday`). `None` when it is farther, or when `typed` is too short (under three
/// letters) to tell a typo from another word. The one rule for every guess: date words,
/// people looked up, people added twice (where two edits apart is a typo only of names long
/// enough, `Ledger::near_names`).
pub fn typo(typed: &str, meant: &str) -> Option<usize> {
    let typed_len = typed.chars().count();
    if typed_len < 3 {
        return None;
    }
    let meant_len = meant.chars().count();
    let most = if typed_len.max(meant_len) >= 6 { 2 } else { 1 };
    // Each edit changes the length by one at most: a word farther in length is no typo,
    // known without working out the distance (looking among 1,000 people for a near name).
    if typed_len.abs_diff(meant_len) > most {
        return None;
    }
    let typed: Vec<char> = typed.chars().collect();
    let meant: Vec<char> = meant.chars().collect();
    edits_within(&typed, &meant, most)
}

/// [`typo`] of words already taken apart into characters: what a lookup that measures one
/// name against thousands calls, having taken each apart once.
pub fn typo_of_chars(typed: &[char], meant: &[char]) -> Option<usize> {
    if typed.len() < 3 {
        return None;
    }
    let most = if typed.len().max(meant.len()) >= 6 {
        2
    } else {
        1
    };
    edits_within(typed, meant, most)
}

/// [`edits`] between `a` and `b` when it is `most` or less, else `None`: worked out only in
/// the band of `most` either side of the diagonal (a cell farther out is more edits than that
/// already), and given up on as soon as two rows in turn are past `most`, as every row after
/// them then is (a row is at least the smaller of the one before and, through a swap, one
/// more than the one before that). Measuring a name against everyone here stops within a
/// letter or two for nearly all of them.
pub fn edits_within(a: &[char], b: &[char], most: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > most {
        return None;
    }
    // Every figure is capped at one past `most`: all that matters is whether it is within.
    let past = most + 1;
    let width = b.len() + 1;
    let mut rows = vec![past; 3 * width];
    let (mut before, mut last, mut row) = (0, width, 2 * width);
    for (j, cell) in rows[last..last + width].iter_mut().enumerate() {
        *cell = j.min(past);
    }
    let mut last_min = 0;
    for i in 1..=a.len() {
        rows[row..row + width].fill(past);
        let from = i.saturating_sub(most);
        if from == 0 {
            rows[row] = i.min(past);
        }
        for j in from.max(1)..=(i + most).min(b.len()) {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[last + j - 1] + cost)
                .min(rows[last + j] + 1)
                .min(rows[row + j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[before + j - 2] + 1);
            }
            rows[row + j] = d.min(past);
        }
        let row_min = rows[row..row + width].iter().copied().min().unwrap_or(past);
        if row_min > most && last_min > most {
            return None;
        }
        last_min = row_min;
        (before, last, row) = (last, row, before);
    }
    Some(rows[last + b.len()]).filter(|d| *d <= most)
}

/// The one of `names` that `typed` most likely meant, by [`typo`] (any case): what a
/// config file's misspelt setting or action is answered with.
pub fn nearest_name<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    names
        .into_iter()
        .filter_map(|name| typo(&typed, name).map(|d| (d, name)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// "; did you mean NAME?" for the nearest of `names`, or nothing.
pub fn did_you_mean<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    nearest_name(typed, names).map_or_else(String::new, |n| format!("; did you mean {n}?"))
}
