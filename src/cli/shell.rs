//! What a shell needs: completions (with people's handles from the data file) and a man page,
//! both from clap's definitions of the commands, so they never drift from `--help`.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::sync::OnceLock;

use clap::builder::TypedValueParser;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate, PathCompleter};
use clap_complete::env::Shells;

use super::CliError;
use super::args::CompletionsArgs;
use crate::core::dates::{parse_due, parse_past_date, parse_today, words};
use crate::store::{self, Store};

/// The environment variable the completion scripts call the program back with.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// Whether `args` (the program's name first) are a shell's request for completions: the
/// generated scripts call the program with `--` and then the words of the line, and
/// registration is the program alone. `COMPLETE` is a common name that may be set for other
/// reasons, and then `trustladder status` printed a script and exited 0 ("nothing overdue")
/// and `person add` added nobody; any other line runs the command.
pub fn asks_for_completions(args: &[OsString]) -> bool {
    std::env::var_os(COMPLETE_VAR).is_some() && args.get(1).is_none_or(|word| word == "--")
}

/// Prints the script that registers completions for `shell`; the script calls back into the
/// program for each completion, so completions follow the commands and the data file.
pub fn completions(a: &CompletionsArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let shells = Shells::builtins();
    let Some(shell) = shells.completer(&a.shell) else {
        let names: Vec<&str> = shells.names().collect();
        return Err(CliError::Usage(format!(
            "no completions for '{}': use one of {}",
            a.shell,
            names.join(", ")
        )));
    };
    // Made whole first, then printed as every command's output is (see `emit`).
    let mut script = Vec::new();
    shell
        .write_registration(
            COMPLETE_VAR,
            "trustladder",
            "trustladder",
            "trustladder",
            &mut script,
        )
        .map_err(|e| CliError::Usage(format!("could not write the script: {e}")))?;
    if a.shell == "zsh" {
        script = autoloaded_too(matched_in_zsh(script));
    } else if a.shell == "bash" {
        script = words_rejoined(script);
    } else if a.shell == "fish" {
        script = quiet_in_fish(script);
    }
    super::emit(out, &script)
}

/// The zsh script, made to complete on the first Tab when zsh autoloads it from `fpath` (as
/// the README installs it), not only when sourced. Autoloaded, the file's body runs as the
/// completion function `_trustladder`: registering the completer then only readies the next
/// Tab, so the body must also complete.
fn autoloaded_too(script: Vec<u8>) -> Vec<u8> {
    const REGISTER: &str = "compdef _clap_dynamic_completer_trustladder trustladder\n";
    let text = match String::from_utf8(script) {
        Ok(text) => text,
        Err(e) => return e.into_bytes(),
    };
    match text.strip_suffix(REGISTER) {
        Some(body) => format!(
            "{body}if [ \"${{funcstack[1]}}\" = \"_trustladder\" ]; then\n    \
             _clap_dynamic_completer_trustladder \"$@\"\nelse\n    {REGISTER}fi\n"
        )
        .into_bytes(),
        None => text.into_bytes(),
    }
}

/// The zsh script, with what the program offers added as zsh will insert it right: a path
/// from the home folder (`~/alt.json`, or `--file=~/alt.json` joined to its flag) keeps its
/// leading `~/` unquoted, the rest quoted as usual, where `_describe` made it `\~/alt.json`,
/// a file named in a folder called `~`, which no `magic_equal_subst` expands after `=`; and
/// where nothing offered begins with what was typed (`park`, a later word of `leo-park`),
/// what is offered is taken as it is (zsh kept only what begins with the word, so nothing),
/// and several are listed with the word left as typed, not cut to what they share.
fn matched_in_zsh(script: Vec<u8>) -> Vec<u8> {
    const ADDED: &str = r#"    if [[ -n $completions ]]; then
        local -a dirs=()
        local -a other=()
        local completion
        for completion in $completions; do
            local value="${completion%%:*}"
            if [[ "$value" == */ ]]; then
                local dir_no_slash="${value%/}"
                if [[ "$completion" == *:* ]]; then
                    local desc="${completion#*:}"
                    dirs+=("$dir_no_slash:$desc")
                else
                    dirs+=("$dir_no_slash")
                fi
            else
                other+=("$completion")
            fi
        done
        [[ -n $dirs ]] && _describe -V 'values' dirs -S '/' -r '/'
        [[ -n $other ]] && _describe -V 'values' other
    fi
"#;
    // The `~/` of a path from home, and the `--flag=` joined before it, are left on the line
    // (`compset -P` moves them out of what is matched and quoted) and the rest added as any
    // other value is.
    const MATCHED: &str = r#"    if [[ -n $completions ]]; then
        local -a dirs=() other=() home_dirs=() home_other=() anywhere=(-U)
        local completion value desc lead home_lead ret=1 typed="${(Q)PREFIX}"
        for completion in $completions; do
            value="${completion%%:*}"
            desc=""
            [[ "$value" == "$typed"* ]] && anywhere=()
            [[ "$completion" == *:* ]] && desc=":${completion#*:}"
            lead="${value%%\~/*}"
            if [[ "$value" == *'~/'* ]] && [[ -z "$lead" || ( "$lead" == --*= && "${lead%=}" != *=* ) ]]; then
                home_lead="$lead"
                value="${value#*\~/}"
                if [[ "$value" == */ ]]; then
                    home_dirs+=("${value%/}$desc")
                else
                    home_other+=("$value$desc")
                fi
            elif [[ "$value" == */ ]]; then
                dirs+=("${value%/}$desc")
            else
                other+=("$completion")
            fi
        done
        [[ -n $dirs ]] && _describe -V 'values' dirs -S '/' -r '/' && ret=0
        [[ -n $other ]] && _describe -V 'values' other "${anywhere[@]}" && ret=0
        if [[ -n $anywhere ]] && (( ${#other} > 1 )); then
            compstate[insert]=''
        fi
        if [[ -n $home_dirs$home_other ]] && compset -P "${(b)home_lead}"'\~/'; then
            [[ -n $home_dirs ]] && _describe -V 'values' home_dirs -S '/' -r '/' && ret=0
            [[ -n $home_other ]] && _describe -V 'values' home_other && ret=0
        fi
        return ret
    fi
"#;
    let text = match String::from_utf8(script) {
        Ok(text) => text,
        Err(e) => return e.into_bytes(),
    };
    text.replacen(ADDED, MATCHED, 1).into_bytes()
}

/// The fish script, silent where the program is not on the `PATH`, as bash's and zsh's are:
/// fish prints its "Unknown command" into the line being edited even with stderr sent to
/// /dev/null, so the call is made only when `command -q` finds the program, and the program's
/// own errors go to /dev/null.
fn quiet_in_fish(script: Vec<u8>) -> Vec<u8> {
    const CALL: &str = "\"(COMPLETE=fish trustladder -- ";
    const GUARDED: &str = "\"(command -q trustladder; and COMPLETE=fish trustladder -- ";
    const END: &str = "(commandline --current-token))\"";
    const QUIET: &str = "(commandline --current-token) 2>/dev/null)\"";
    let text = match String::from_utf8(script) {
        Ok(text) => text,
        Err(e) => return e.into_bytes(),
    };
    if !(text.contains(CALL) && text.contains(END)) {
        return text.into_bytes();
    }
    text.replacen(CALL, GUARDED, 1)
        .replacen(END, QUIET, 1)
        .into_bytes()
}

/// The bash script, with the words bash split at `:` and `=` (its `COMP_WORDBREAKS`) put
/// back together before the program sees them, and what the program offers cut back to the
/// part of the word bash replaces: else `--person-from tag:` and `--due=tom` complete to
/// garbage or to nothing. What is offered is escaped as bash reads it, as bash (unlike zsh
/// and fish) inserts it as it is: else `last fri` went in as two words. And bash never
/// shortens what was typed: handles are offered accents aside, so what they share can be
/// shorter than the word typed, and the first Tab would cut the word to it. With the cursor in
/// the blank before a word, bash names that later word as the one being completed: a new,
/// empty word is completed there, else the program read the line without the later word (a
/// `--file` after the cursor was not seen).
fn words_rejoined(script: Vec<u8>) -> Vec<u8> {
    const SPLIT: &str = r#"    local _CLAP_COMPLETE_INDEX=${COMP_CWORD}
"#;
    const WORDS: &str = r#"    local words=("${COMP_WORDS[@]}")
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        words[COMP_CWORD]="$2"
    fi
"#;
    const JOINED: &str = r#"    # With the cursor in the blank before a word (a line recalled, the cursor moved back),
    # bash counts that word as the one at the cursor: a new, empty one goes in before it.
    local _typed=("${COMP_WORDS[@]}") _word="${COMP_WORDS[COMP_CWORD]}"
    if [[ -z "$2" && -n "$_word" ]] && (( COMP_POINT > 0 )) && [[ "${COMP_LINE:COMP_POINT-1:1}" == [[:blank:]] ]]; then
        _typed=("${COMP_WORDS[@]:0:COMP_CWORD}" "" "${COMP_WORDS[@]:COMP_CWORD}")
        _word=""
    # Bash splits a word at ':' and '=': `tag:with_` and `--due=fri` are joined again.
    # Right after one, the word at the cursor is the ':' itself, and "$2" is empty.
    elif [[ "${BASH_VERSINFO[0]}" -ge 4 ]] && ! [[ -z "$2" && "$_word" =~ ^[:=]+$ ]]; then
        _typed[COMP_CWORD]="$2"
    fi
    local words=() _i _w _glue=false _CLAP_COMPLETE_INDEX=0
    for (( _i = 0; _i < ${#_typed[@]}; _i++ )); do
        _w="${_typed[_i]}"
        if (( _i > 0 )) && { [[ "$_w" =~ ^[:=]+$ ]] || $_glue; }; then
            words[${#words[@]}-1]+="$_w"
            if [[ "$_w" =~ ^[:=]+$ ]]; then _glue=true; else _glue=false; fi
        else
            words+=("$_w")
            _glue=false
        fi
        if (( _i == COMP_CWORD )); then _CLAP_COMPLETE_INDEX=$(( ${#words[@]} - 1 )); fi
    done
    local _cut="${words[_CLAP_COMPLETE_INDEX]%"$2"}"
"#;
    // Completion never gets in the way of typing: with the program not on the PATH, a Tab
    // does nothing rather than print "command not found".
    const CALL: &str = r#""trustladder" -- "${words[@]}" \"#;
    const QUIET: &str = r#""trustladder" -- "${words[@]}" 2>/dev/null \"#;
    // What is offered: cut back to the part after a `:` or `=`, and escaped as bash reads it
    // (`next\ week`, one word) unless the word opened a quote, which bash then closes.
    const REPLY: &str = r#"    if [[ $? != 0 ]]; then
        unset COMPREPLY
    elif [[ $_CLAP_COMPLETE_SPACE == false ]] && [[ "${COMPREPLY-}" =~ [=/:]$ ]]; then
        compopt -o nospace
    fi
"#;
    const CUT: &str = r#"    if [[ $? != 0 ]]; then
        unset COMPREPLY
        return
    fi
    if [[ -n "$_cut" ]]; then
        COMPREPLY=("${COMPREPLY[@]#"$_cut"}")
    fi
    if [[ "$_word" != [\'\"]* ]]; then
        local _escaped=() _e
        for _w in "${COMPREPLY[@]}"; do
            # A path from the home folder keeps the leading `~/` typed (after `--file=` too)
            # for the shell to expand: escaped, `\~/alt.json` named a file in a folder
            # called `~`, and candidates made so shared no beginning with what was typed.
            if [[ "$2" == "~"* && "$_w" == "~/"* ]]; then
                _e="~/"
                [[ -n "${_w:2}" ]] && printf -v _e '~/%q' "${_w:2}"
            else
                printf -v _e '%q' "$_w"
            fi
            _escaped+=("$_e")
        done
        COMPREPLY=("${_escaped[@]}")
    fi
    # On the first Tab bash puts in the beginning the candidates share, even one shorter than
    # what was typed (`le` offers leo-park and léa-müller, accents aside: it became `l`). Then
    # that Tab offers two words that begin with no more than what was typed, so the word stays
    # as typed (one would be put in whole, and a quote opened before it closed), and the next
    # Tab, finding the line unchanged, lists the candidates.
    if (( ${#COMPREPLY[@]} > 1 )) && [[ $_CLAP_COMPLETE_COMP_TYPE == 9 ]]; then
        local _common="${COMPREPLY[0]}"
        for _w in "${COMPREPLY[@]:1}"; do
            while [[ "${_w:0:${#_common}}" != "$_common" ]]; do
                _common="${_common%?}"
            done
        done
        if [[ "$_common" != "$2"* ]]; then
            COMPREPLY=("$2" "$2 ")
            compopt -o nospace 2>/dev/null
            return
        fi
    fi
    if [[ $_CLAP_COMPLETE_SPACE == false ]] && [[ "${COMPREPLY-}" =~ [=/:]$ ]]; then
        compopt -o nospace
    fi
"#;
    let text = match String::from_utf8(script) {
        Ok(text) => text,
        Err(e) => return e.into_bytes(),
    };
    if ![SPLIT, WORDS, CALL, REPLY]
        .iter()
        .all(|part| text.contains(part))
    {
        return text.into_bytes();
    }
    text.replacen(SPLIT, "", 1)
        .replacen(WORDS, JOINED, 1)
        .replacen(CALL, QUIET, 1)
        .replacen(REPLY, CUT, 1)
        .into_bytes()
}

/// The words of the line being completed as the program will receive them once the line
/// runs: the shell passes them as typed, so `last\ f`, `'last f` and `"last f` become
/// `last f` (bash and zsh pass every word so; fish only the word at the cursor, the others
/// it has already unquoted). Without them, a date word of several words, half typed, matched
/// nothing. The words are kept for the completers that read the line (`--file`).
pub fn completion_words(args: Vec<OsString>) -> Vec<OsString> {
    let Some(name) = std::env::var_os(COMPLETE_VAR) else {
        return args;
    };
    let shell = std::path::Path::new(&name)
        .file_stem()
        .and_then(OsStr::to_str);
    let home = std::env::var("HOME").ok();
    let line: Vec<Word> = match shell {
        Some(shell @ ("bash" | "zsh" | "fish")) => {
            let after = args
                .iter()
                .position(|w| w == "--")
                .map_or(args.len(), |i| i + 1);
            let last = args.len().saturating_sub(1);
            let fish = shell == "fish";
            args.iter()
                .enumerate()
                .map(|(i, word)| {
                    let typed = i >= after && (!fish || i == last);
                    match word.to_str() {
                        Some(text) if typed => Word {
                            passed: OsString::from(unquoted(text, fish)),
                            path: OsString::from(as_path(text, home.as_deref(), |w| {
                                unquoted(w, fish)
                            })),
                        },
                        // Fish unquoted these itself, and expands nothing on the way.
                        Some(text) if i >= after => Word {
                            passed: word.clone(),
                            path: OsString::from(as_path(text, home.as_deref(), str::to_string)),
                        },
                        _ => Word::as_it_is(word),
                    }
                })
                .collect()
        }
        _ => args.iter().map(Word::as_it_is).collect(),
    };
    let words = line.iter().map(|w| w.passed.clone()).collect();
    let _ = TYPED_LINE.set(line);
    words
}

/// A word of the line being completed, as the program will receive it once the line runs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// Unquoted (see [`unquoted`]): what the completers match against.
    passed: OsString,
    /// Unquoted, with a leading `~` or `$HOME` expanded as the shell does (see [`as_path`]):
    /// the path `--file` will open. Kept apart from `passed`, which is the word being
    /// completed and must not grow into the home folder's full path as it is typed.
    path: OsString,
}

impl Word {
    fn as_it_is(word: &OsString) -> Word {
        Word {
            passed: word.clone(),
            path: word.clone(),
        }
    }
}

/// The words of the line being completed (see [`completion_words`]).
static TYPED_LINE: OnceLock<Vec<Word>> = OnceLock::new();

/// `word` (as typed, `unquote` taking its quotes away) as the path the shell will pass once
/// the line runs: a `~` or `~/` leading the word, outside quotes, is `home`, and so is a
/// `$HOME` or `${HOME}` leading it outside quotes or in double quotes. The value of
/// `--file=` takes `$HOME` alone, as bash and zsh leave a `~` after `=` in such a word as it
/// is. Without it, `--file ~/alt.json` looked for a file named `~/alt.json` in the folder the
/// shell is in, and completion offered the default ledger's people instead. Other `~user`
/// forms and variables are left as typed: completion never runs the shell's expansions.
fn as_path(word: &str, home: Option<&str>, unquote: impl Fn(&str) -> String) -> String {
    let Some(home) = home.filter(|h| !h.is_empty()) else {
        return unquote(word);
    };
    let (flag, value) = match word.split_once('=') {
        Some((flag, value)) if flag.starts_with("--") && !flag.contains(['\'', '"', '\\']) => {
            (format!("{flag}="), value)
        }
        _ => (String::new(), word),
    };
    if flag.is_empty() && (value == "~" || value.starts_with("~/")) {
        return format!("{home}{}", unquote(&value[1..]));
    }
    let (open, rest) = match value.strip_prefix('"') {
        Some(rest) => ("\"", rest),
        None => ("", value),
    };
    let after = rest.strip_prefix("${HOME}").or_else(|| {
        rest.strip_prefix("$HOME")
            .filter(|after| !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    });
    match after {
        Some(after) => format!("{flag}{home}{}", unquote(&format!("{open}{after}"))),
        None => unquote(word),
    }
}

/// `word` as the shell will pass it once the line runs: a backslash keeps the character after
/// it, quotes are taken away, and a quote still open (the word is being typed) is closed. In
/// double quotes a backslash escapes only `"`, `\`, `$` and `` ` ``, as in a POSIX shell; in
/// fish's single quotes it escapes `'` and `\`.
fn unquoted(word: &str, fish: bool) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\\') => out.extend(chars.next()),
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (Some('"'), '\\') => match chars.next() {
                Some(next @ ('"' | '\\' | '$' | '`')) => out.push(next),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => {}
            },
            (Some('\''), '\\') if fish => match chars.next() {
                Some(next @ ('\'' | '\\')) => out.push(next),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => {}
            },
            _ => out.push(c),
        }
    }
    out
}

/// Prints the man page (roff), from the same definitions as `--help`.
pub fn man(out: &mut dyn Write) -> Result<(), CliError> {
    let page = super::man::page()
        .map_err(|e| CliError::Usage(format!("could not write the man page: {e}")))?;
    super::emit(out, &page)
}

/// What `--file` offers: the files there and the folders to go into, but not a ledger's lock
/// file (`trustladder.json.lock`, made beside it by the first command), which holds no ledger:
/// offered beside it, `t<Tab>` stopped at `trustladder.json` with two to choose from.
pub fn data_file_completer() -> PathCompleter {
    PathCompleter::any().filter(|path| path.is_file() && !is_lock_file(path))
}

/// Whether `path` is the lock file of a data file beside it.
fn is_lock_file(path: &std::path::Path) -> bool {
    let Some(name) = path.file_name().and_then(OsStr::to_str) else {
        return false;
    };
    name.strip_suffix(".lock")
        .filter(|data| !data.is_empty())
        .map(|data| path.with_file_name(data))
        .is_some_and(|data| store::lock_path(&data) == path && data.is_file())
}

/// The date words a due date takes that begin with what was typed: `tomorrow`, `fri`,
/// `eom`, `someday`...
pub fn due_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    let today = today_on_the_line();
    date_words(current, |word| parse_due(word, today).is_ok())
}

/// The date words a day that has happened takes (`--on`, `--since`): those for today or
/// before.
pub fn past_day_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    let today = today_on_the_line();
    date_words(current, |word| {
        parse_past_date(word, today).is_ok_and(|day| day <= today)
    })
}

fn date_words(current: &OsStr, takes: impl Fn(&str) -> bool) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let typed = typed.to_lowercase();
    words::vocabulary()
        .into_iter()
        .filter(|word| word.starts_with(&typed) && takes(word))
        .map(CompletionCandidate::new)
        .collect()
}

/// Keep-in-touch cadences that begin with what was typed, each with what it means: the
/// common ones, and `none`, which clears it.
pub fn cadence_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_str().unwrap_or("").to_lowercase();
    ["1w", "2w", "3w", "4w", "30d", "none"]
        .into_iter()
        .filter(|value| value.starts_with(&typed))
        .map(|value| {
            let help = match crate::core::touch::parse_cadence(value) {
                Ok(Some(days)) => crate::core::touch::cadence_text(days),
                _ => "no cadence".to_string(),
            };
            CompletionCandidate::new(value).help(Some(help.into()))
        })
        .collect()
}

/// Where an export names the colleague: `--person-from`'s three forms. They are read in any
/// case (`TAG:with_`, `Project`), so they are offered for a start in any case, in the case it
/// was typed, which a shell that keeps only what begins with the word typed keeps too.
pub fn person_from_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_str().unwrap_or("");
    [
        ("tag:with_", "the tag with_NAME (any prefix after tag:)"),
        ("project", "the project"),
        ("uda:", "a user-defined attribute (uda:NAME)"),
    ]
    .into_iter()
    .filter_map(|(value, help)| {
        begun_in_any_case(value, typed)
            .map(|value| CompletionCandidate::new(value).help(Some(help.into())))
    })
    .collect()
}

/// The completer of a value taken in any case (`--level`, `export --format`, `person list
/// --sort`, the shell of `completions`): clap's own offers only the values that begin with
/// what was typed as it was typed, so `--level T` was offered nothing where `Task` is taken.
/// Each value `parser` lists that begins with it in any case is offered, in the case it was
/// typed, as `--person-from`'s forms are.
pub fn any_case(parser: impl TypedValueParser) -> ArgValueCompleter {
    ArgValueCompleter::new(move |current: &OsStr| {
        let typed = current.to_str().unwrap_or("");
        parser
            .possible_values()
            .into_iter()
            .flatten()
            .filter(|value| !value.is_hide_set())
            .filter_map(|value| {
                begun_in_any_case(value.get_name(), typed).map(|offered| {
                    CompletionCandidate::new(offered).help(value.get_help().cloned())
                })
            })
            .collect::<Vec<_>>()
    })
}

/// `value` with its start as `typed` wrote it, where `typed` begins it in any case (`Pro`
/// for `project` is `Project`), so a shell that keeps only what begins with the word typed
/// keeps it too.
fn begun_in_any_case(value: &str, typed: &str) -> Option<String> {
    let rest = value.get(typed.len()..)?;
    value.as_bytes()[..typed.len()]
        .eq_ignore_ascii_case(typed.as_bytes())
        .then(|| format!("{typed}{rest}"))
}

/// Active people's handles (and names, as help) that begin with what was typed: for every
/// command that names a colleague.
pub fn person_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, |archived| !archived)
}

/// Everyone's handles, archived or not, that begin with what was typed: for the commands
/// that take an archived colleague too (`person edit`, `person rm`, `list`, `review`, `prep`,
/// `export`).
pub fn anyone_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, |_| true)
}

/// Archived people's handles that begin with what was typed: for `person restore`, which
/// brings only them back.
pub fn archived_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, |archived| archived)
}

/// The ids of open promises that begin with what was typed (`#` or not), each with whom and
/// what as help: for `keep`, `break` and `release`.
pub fn open_promise_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    promise_candidates(current, |status| status == crate::core::Status::Open)
}

/// The ids of resolved promises that begin with what was typed: for `reopen`.
pub fn resolved_promise_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    promise_candidates(current, |status| status != crate::core::Status::Open)
}

/// The ids of every promise that begin with what was typed: for `edit` and `rm`.
pub fn any_promise_candidates(current: &OsStr) -> Vec<CompletionCandidate> {
    promise_candidates(current, |_| true)
}

/// How much of a promise's text its id's help shows, in characters, a `…` where it is cut
/// included.
const WHAT_SHOWN: usize = 51;

fn promise_candidates(
    current: &OsStr,
    keep: impl Fn(crate::core::Status) -> bool,
) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let Some(store) = store_on_the_line() else {
        return Vec::new();
    };
    let (hash, digits) = match typed.strip_prefix('#') {
        Some(digits) => ("#", digits),
        None => ("", typed),
    };
    let ledger = store.ledger();
    ledger
        .promises
        .iter()
        .filter(|p| keep(p.status))
        .filter(|p| p.id.0.to_string().starts_with(digits))
        .map(|p| {
            let whom = ledger
                .person(p.person)
                .map(|person| crate::core::text::sanitize(&person.handle))
                .unwrap_or_default();
            let what = crate::core::text::cut(&crate::core::text::sanitize(&p.what), WHAT_SHOWN);
            CompletionCandidate::new(format!("{hash}{}", p.id.0))
                .help(Some(format!("{whom}: {what}").into()))
        })
        .collect()
}

/// The words of the line being completed, and the index among them of the word being typed.
/// Bash and zsh pass the whole line, the words after the cursor too, and say which word is
/// being completed; fish passes the line up to the cursor, the last word being typed, as its
/// `commandline` shows a completion nothing after the word at the cursor.
fn typed_line() -> (Vec<Word>, Option<usize>) {
    let line = TYPED_LINE
        .get()
        .cloned()
        .unwrap_or_else(|| std::env::args_os().map(|w| Word::as_it_is(&w)).collect());
    let cursor = std::env::var("_CLAP_COMPLETE_INDEX")
        .ok()
        .and_then(|i| i.parse().ok());
    (line, cursor)
}

/// The data file the line being completed names (`--file`), else the one
/// `TRUSTLADDER_FILE` or the default names, opened. A missing or damaged file gives none:
/// completion must never get in the way of typing.
fn store_on_the_line() -> Option<Store> {
    let (line, cursor) = typed_line();
    let path = value_on_the_line(line, cursor, "--file")
        .map(|word| std::path::PathBuf::from(word.path))
        .map_or_else(store::default_path, Ok)
        .ok()?;
    if !path.is_file() {
        return None;
    }
    // An encrypted ledger completes from the agent's key alone: nothing is asked, nor any
    // passphrase command run, while a key is pressed.
    crate::crypt::unlock::agent_only();
    Store::open(&path).ok()
}

/// The day date words are read from: the line's `--today`, as the command will read them once
/// it runs, else today. A `--today` that is not a day yet (being typed) counts as none.
fn today_on_the_line() -> chrono::NaiveDate {
    let (line, cursor) = typed_line();
    value_on_the_line(line, cursor, "--today")
        .and_then(|word| word.passed.to_str().and_then(|w| parse_today(w).ok()))
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The handles of the people `keep` takes (by whether they are archived) that begin with
/// what was typed, read from the data file the line names ([`store_on_the_line`]).
fn candidates(current: &OsStr, keep: impl Fn(bool) -> bool) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let Some(store) = store_on_the_line() else {
        return Vec::new();
    };
    // Composed, as handles are: an accent typed as a letter and a combining mark is the
    // accent a handle holds.
    let lowered = crate::core::text::nfc(typed).to_lowercase();
    let typed = crate::core::text::folded(typed);
    let people: Vec<&crate::core::Person> = store
        .ledger()
        .people
        .iter()
        .filter(|p| keep(p.archived))
        .collect();
    // The handles that begin with what was typed, accents aside (`le` offers léa-müller and
    // leo-park), but as typed where it has an accent that one does begin with (`lé` offers
    // léa-müller alone); where none does, those whose name begins so (`'Anna M` offers
    // anna-maria-smith, where no one word holds the blank) or a later word of it (`park`
    // offers leo-park), as commands find them; where none does either, with the marks left
    // out (`maryjane` offers mary-jane-watts).
    let exactly: Vec<&&crate::core::Person> = people
        .iter()
        .filter(|p| !lowered.is_ascii() && p.handle.to_lowercase().starts_with(&lowered))
        .collect();
    let by_handle: Vec<&&crate::core::Person> = if exactly.is_empty() {
        people
            .iter()
            .filter(|p| crate::core::text::folded(&p.handle).starts_with(&typed))
            .collect()
    } else {
        exactly
    };
    let chosen: Vec<&&crate::core::Person> = if by_handle.is_empty() && !typed.is_empty() {
        people
            .iter()
            .filter(|p| {
                // Both folded as what was typed is, so a word of either is found as commands
                // find it (`mull` or `MULL` for a handle's müller, `σ` for a stored `ς`).
                let name = crate::core::text::folded(&p.name);
                let handle = crate::core::text::folded(&p.handle);
                name.starts_with(&typed)
                    || name
                        .split(' ')
                        .chain(handle.split('-'))
                        .any(|word| word.starts_with(&typed))
            })
            .collect()
    } else {
        by_handle
    };
    // Where still none does, those it begins with the marks left out, as commands find them
    // (`maryjane` offers mary-jane-watts).
    let chosen: Vec<&&crate::core::Person> = match crate::core::text::MarkFreeStart::of(&typed) {
        Some(start) if chosen.is_empty() => (people.iter())
            .filter(|p| {
                let name = crate::core::text::folded(&p.name);
                let handle = crate::core::text::folded(&p.handle);
                crate::core::text::MarkFree::of(&[&name, &handle]).begun_by(&start)
            })
            .collect(),
        _ => chosen,
    };
    chosen
        .into_iter()
        .map(|p| {
            CompletionCandidate::new(p.handle.clone())
                .help(Some(crate::core::text::sanitize(&p.name).into()))
        })
        .collect()
}

/// The value of `flag` (`--file PATH` or `--file=PATH`) among the words of the line being
/// completed, which the shell passes after `--`. `cursor` is the index among them of the word
/// being typed (the last when `None`): a flag after it, as on a line recalled and edited,
/// counts as well as one before it does, and the word being typed gives no value yet.
fn value_on_the_line(
    args: impl IntoIterator<Item = Word>,
    cursor: Option<usize>,
    flag: &str,
) -> Option<Word> {
    let words: Vec<Word> = args
        .into_iter()
        .skip_while(|w| w.passed != "--")
        .skip(1)
        .collect();
    let cursor = cursor.unwrap_or(words.len().saturating_sub(1));
    let joined = format!("{flag}=");
    words.iter().enumerate().rev().find_map(|(i, w)| {
        if i == cursor {
            None
        } else if w.passed == flag {
            words.get(i + 1).filter(|_| i + 1 != cursor).cloned()
        } else {
            let value = |word: &OsString| {
                word.to_str()
                    .and_then(|w| w.strip_prefix(&joined))
                    .map(OsString::from)
            };
            Some(Word {
                passed: value(&w.passed)?,
                path: value(&w.path)?,
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person_from_offered(typed: &str) -> Vec<String> {
        person_from_candidates(OsStr::new(typed))
            .iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect()
    }

    /// `--person-from` is read in any case, so a start typed in capitals is offered its
    /// form, in the case it was typed.
    #[test]
    fn person_from_is_offered_for_a_start_in_any_case() {
        assert_eq!(person_from_offered(""), ["tag:with_", "project", "uda:"]);
        assert_eq!(person_from_offered("pro"), ["project"]);
        assert_eq!(person_from_offered("Pro"), ["Project"]);
        assert_eq!(person_from_offered("TAG:"), ["TAG:with_"]);
        assert_eq!(person_from_offered("UDA"), ["UDA:"]);
        assert!(person_from_offered("tag:with_x").is_empty());
        assert!(person_from_offered("é").is_empty());
    }

    /// The path `--file` names on the line, as [`store_on_the_line`] opens it.
    fn file_on_the_line(
        args: impl IntoIterator<Item = Word>,
        cursor: Option<usize>,
    ) -> Option<OsString> {
        value_on_the_line(args, cursor, "--file").map(|word| word.path)
    }

    fn words(line: &[&str]) -> Vec<Word> {
        line.iter()
            .map(|w| Word::as_it_is(&OsString::from(w)))
            .collect()
    }

    /// The words as bash passes them, with `home` as HOME.
    fn as_bash_passes(line: &[&str], home: Option<&str>) -> Vec<Word> {
        line.iter()
            .map(|w| Word {
                passed: unquoted(w, false).into(),
                path: as_path(w, home, |w| unquoted(w, false)).into(),
            })
            .collect()
    }

    #[test]
    fn a_file_named_from_home_is_read_where_the_shell_will_find_it() {
        let home = Some("/home/me");
        for (typed, path) in [
            ("~/alt.json", "/home/me/alt.json"),
            ("~", "/home/me"),
            ("$HOME/alt.json", "/home/me/alt.json"),
            ("${HOME}/alt.json", "/home/me/alt.json"),
            ("\"$HOME/my file.json\"", "/home/me/my file.json"),
            ("~/my\\ file.json", "/home/me/my file.json"),
            // Quoted, or not leading, or another name: as the shell leaves it.
            ("'~/alt.json'", "~/alt.json"),
            ("\"~/alt.json\"", "~/alt.json"),
            ("'$HOME/alt.json'", "$HOME/alt.json"),
            ("$HOMEY/alt.json", "$HOMEY/alt.json"),
            ("~other/alt.json", "~other/alt.json"),
            ("a/~/alt.json", "a/~/alt.json"),
        ] {
            let line = ["tl", "--", "trustladder", "--file", typed, "review", "p"];
            assert_eq!(
                file_on_the_line(as_bash_passes(&line, home), None),
                Some(path.into()),
                "{typed}"
            );
        }
        // After `=`, bash and zsh expand `$HOME` but leave a `~` as it is.
        for (typed, path) in [
            ("--file=$HOME/alt.json", "/home/me/alt.json"),
            ("--file=${HOME}/alt.json", "/home/me/alt.json"),
            ("--file=~/alt.json", "~/alt.json"),
        ] {
            let line = ["tl", "--", "trustladder", "review", typed, "p"];
            assert_eq!(
                file_on_the_line(as_bash_passes(&line, home), None),
                Some(path.into()),
                "{typed}"
            );
        }
        // Without a HOME, nothing is expanded.
        let line = [
            "tl",
            "--",
            "trustladder",
            "--file",
            "~/alt.json",
            "review",
            "p",
        ];
        assert_eq!(
            file_on_the_line(as_bash_passes(&line, None), None),
            Some("~/alt.json".into())
        );
        // The word being completed stays as typed.
        assert_eq!(as_bash_passes(&["~/al"], home)[0].passed, "~/al");
    }

    #[test]
    fn the_file_named_on_the_line_is_found_in_either_spelling() {
        let line = ["tl", "--", "trustladder", "--file", "a.json", "review", "p"];
        assert_eq!(file_on_the_line(words(&line), None), Some("a.json".into()));
        let line = ["tl", "--", "trustladder", "review", "--file=b.json", "p"];
        assert_eq!(file_on_the_line(words(&line), None), Some("b.json".into()));
        // The last one counts, as for clap.
        let line = ["tl", "--", "trustladder", "--file", "a", "--file", "c", "x"];
        assert_eq!(file_on_the_line(words(&line), None), Some("c".into()));
        // Being typed, or absent: none.
        let line = ["tl", "--", "trustladder", "--file", "a.js"];
        assert_eq!(file_on_the_line(words(&line), None), None);
        let line = ["tl", "--", "trustladder", "review", "p"];
        assert_eq!(file_on_the_line(words(&line), None), None);
        assert_eq!(
            file_on_the_line(words(&["tl", "--file", "x", "y"]), None),
            None
        );
    }

    /// A `--file` after the word being completed (a line recalled, the cursor moved back)
    /// names the file too; the word at the cursor names none, being typed.
    #[test]
    fn the_today_on_the_line_is_found_in_either_form_and_not_taken_for_the_file() {
        let today =
            |line: &[&str]| value_on_the_line(words(line), None, "--today").map(|word| word.passed);
        let line = [
            "tl",
            "--",
            "trustladder",
            "--today",
            "2026-11-29",
            "keep",
            "1",
            "la",
        ];
        assert_eq!(today(&line), Some("2026-11-29".into()));
        assert_eq!(file_on_the_line(words(&line), None), None);
        let line = [
            "tl",
            "--",
            "trustladder",
            "--today=2026-11-29",
            "keep",
            "1",
            "la",
        ];
        assert_eq!(today(&line), Some("2026-11-29".into()));
        let line = ["tl", "--", "trustladder", "keep", "1", "--today", "2026-11"];
        assert_eq!(today(&line), None);
    }

    #[test]
    fn a_file_named_after_the_cursor_counts() {
        let line = [
            "tl",
            "--",
            "trustladder",
            "review",
            "",
            "--file",
            "alt.json",
        ];
        assert_eq!(
            file_on_the_line(words(&line), Some(2)),
            Some("alt.json".into())
        );
        let line = ["tl", "--", "trustladder", "review", "p", "--file=alt.json"];
        assert_eq!(
            file_on_the_line(words(&line), Some(2)),
            Some("alt.json".into())
        );
        // Its value being typed, or the flag itself: none.
        let line = ["tl", "--", "trustladder", "--file", "al", "review", "p"];
        assert_eq!(file_on_the_line(words(&line), Some(2)), None);
        let line = ["tl", "--", "trustladder", "--file=al", "review", "p"];
        assert_eq!(file_on_the_line(words(&line), Some(1)), None);
        // One before the cursor and one after: the last, as for clap.
        let line = [
            "tl",
            "--",
            "trustladder",
            "--file",
            "a",
            "review",
            "",
            "--file",
            "b",
        ];
        assert_eq!(file_on_the_line(words(&line), Some(4)), Some("b".into()));
    }

    #[test]
    fn a_word_typed_escaped_or_quoted_is_read_as_the_shell_will_pass_it() {
        for (typed, meant) in [
            (r"last\ f", "last f"),
            ("'last f", "last f"),
            ("\"next w", "next w"),
            ("'3 days ago'", "3 days ago"),
            (r"next\ ", "next "),
            (r"--due=next\ w", "--due=next w"),
            (r#"--due="next w"#, "--due=next w"),
            (r#""a\"b\c""#, r#"a"b\c"#),
            (r"trailing\", "trailing"),
            ("plain", "plain"),
        ] {
            assert_eq!(unquoted(typed, false), meant, "{typed}");
        }
        // Fish's single quotes take `\'` and `\\`.
        assert_eq!(unquoted(r"'it\'s \\ \x'", true), r"it's \ \x");
        assert_eq!(unquoted(r"'it\'s", false), r"it\s");
    }
}
