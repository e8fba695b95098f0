//! Whether this process may ask for a passphrase, and where the terminal UI stands: set once
//! at start by what runs (a command, the terminal UI, the merge driver, a shell's completion).

/// Whether the terminal may be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// When standard input is a terminal.
    Terminal,
    /// Never: the merge driver, the terminal UI (which asks in its own masked field).
    Never,
    /// Nothing but the agent, not even the passphrase command (which may ask someone): what
    /// must never keep anyone waiting, a shell's completion or its prompt.
    AgentOnly,
}

/// How this process may be asked, when not the terminal ([`Ask::Terminal`], the default):
/// 1 for [`Ask::Never`], 2 for [`Ask::AgentOnly`].
static ASKING: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Makes every later [`policy`] answer [`Ask::Never`], for the rest of the process (the terminal
/// UI, which asks in its own masked field, and the merge driver).
pub fn never_ask() {
    ASKING.store(1, std::sync::atomic::Ordering::Relaxed);
}

/// Where the terminal UI stands: 0 for no UI (a command, the merge driver), 1 while it opens
/// the ledger before it takes the screen, 2 once it has.
pub(super) static UI: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// The terminal UI opening: it asks in its own masked field ([`never_ask`]), and until it
/// takes the screen ([`ui_on_screen`]) a passphrase command still running is said on stderr, as
/// a command says it: the terminal stayed blank without a word for as long as it ran.
pub fn ui_opening() {
    never_ask();
    UI.store(1, std::sync::atomic::Ordering::Relaxed);
}

/// The terminal UI has taken the screen: nothing is written below it from now on.
pub fn ui_on_screen() {
    UI.store(2, std::sync::atomic::Ordering::Relaxed);
}

/// Makes every later [`policy`] answer [`Ask::AgentOnly`], for the rest of the process.
pub fn agent_only() {
    ASKING.store(2, std::sync::atomic::Ordering::Relaxed);
}

/// Whether this process may ask on the terminal: the store's reads go by it.
pub fn policy() -> Ask {
    match ASKING.load(std::sync::atomic::Ordering::Relaxed) {
        0 => Ask::Terminal,
        1 => Ask::Never,
        _ => Ask::AgentOnly,
    }
}
