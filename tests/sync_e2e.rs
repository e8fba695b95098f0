//! Sync over git with the real binary and the real git: a bare repository and clones, each
//! with its own HOME and data file, random interleaved changes and syncs, the set-ups people
//! have (a repository of their own with the ledger in a folder of it, a folder that already
//! holds a ledger), and the faults a network and people bring (an unreachable remote, a
//! rejected push, a sync killed between commit and push, a merge left unfinished, a clone
//! without the driver, file-sync conflict copies).
//!
//! One test opens the terminal UI on a clone in tmux and syncs beside it.
//!
//! git and tmux must be installed (CI installs them); without them these tests fail and say
//! so.

mod store_support;
mod sync_support;
mod tmux_support;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use sync_support::{Machine, TODAY, bare_remote, need_git, refs_of, remote_holding};
use tmux_support::{Tmux, quoted};
use trustladder::core::{Ledger, Promise, Uid};
use trustladder::store::{self, Store};

impl Machine {
    fn ledger(&self) -> Ledger {
        Store::open(&self.file)
            .expect("the file opens")
            .ledger()
            .clone()
    }

    /// What each promise in the ledger says.
    fn whats(&self) -> HashSet<String> {
        self.ledger().promises.into_iter().map(|p| p.what).collect()
    }
}

/// A bare remote and `n` machines set up from it: the first with `sync init`, the others
/// with `sync clone`.
fn network(n: usize) -> (tempfile::TempDir, PathBuf, Vec<Machine>) {
    let root = tempfile::tempdir().expect("a temporary folder");
    let remote = bare_remote(root.path());
    let url = remote.display().to_string();
    let machines: Vec<Machine> = (0..n)
        .map(|i| Machine::new(root.path(), &format!("m{i}")))
        .collect();
    machines[0].ok(&["person", "add", "Priya Raman"]);
    machines[0].ok(&["sync", "init", "--remote", &url]);
    for m in &machines[1..] {
        m.ok(&["sync", "clone", &url]);
    }
    (root, remote, machines)
}

/// A small fixed generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

const NAMES: [&str; 5] = ["Ana Sousa", "Leo Park", "王芳", "José Álvarez", "Bo Lind"];

/// The fields of a promise the random test edits.
const FIELDS: [&str; 4] = ["what", "level", "due", "outcome"];

/// Takes the last commit of `m`'s branch out with `git reset --hard HEAD~1`, as a user
/// undoing a sync by hand does: the commit's short hash, which the next sync names.
fn reset_last_commit_away(m: &Machine) -> String {
    let commit = m.git(&["rev-parse", "--short", "HEAD"]).trim().to_string();
    m.git(&["reset", "-q", "--hard", "HEAD~1"]);
    commit
}

/// A field of a promise the random test edits, as text.
fn field(p: &Promise, name: &str) -> String {
    match name {
        "what" => p.what.clone(),
        "level" => p.level.as_str().to_string(),
        "due" => format!("{:?}", p.due),
        _ => format!("{} {:?}", p.status.as_str(), p.resolved),
    }
}

/// How many of each machine's field edits a copy of the ledger has seen: a vector clock.
type Clock = Vec<usize>;

/// One edit of a field: what its machine had seen, and the value set (`None`: the promise
/// deleted).
type Edit = (Clock, Option<String>);

/// The field edits of the random test, and what each machine and the remote have seen of
/// them. Every sync pushes all a machine has and takes all the remote has, so after it the
/// machine and the remote have seen the same.
struct Writes {
    seen: Vec<Clock>,
    remote: Clock,
    /// Per promise and field, every edit, in order.
    fields: HashMap<(Uid, &'static str), Vec<Edit>>,
}

impl Writes {
    fn new(machines: usize) -> Writes {
        Writes {
            seen: vec![vec![0; machines]; machines],
            remote: vec![0; machines],
            fields: HashMap::new(),
        }
    }

    /// Notes that `machine` just set `names` of promise `uid`, reading back what it wrote.
    fn edited(&mut self, machine: usize, m: &Machine, uid: Uid, names: &[&'static str]) {
        self.seen[machine][machine] += 1;
        let l = m.ledger();
        let p = l
            .promises
            .iter()
            .find(|p| p.uid == uid)
            .expect("the promise just edited");
        for &name in names {
            self.fields
                .entry((uid, name))
                .or_default()
                .push((self.seen[machine].clone(), Some(field(p, name))));
        }
    }

    /// Notes that `machine` deleted promise `uid`. A machine's edits before its delete are
    /// gone with the promise, even when an edit made elsewhere meanwhile keeps it.
    fn deleted(&mut self, machine: usize, uid: Uid) {
        self.seen[machine][machine] += 1;
        for name in FIELDS {
            if let Some(edits) = self.fields.get_mut(&(uid, name)) {
                edits.push((self.seen[machine].clone(), None));
            }
        }
    }

    fn synced(&mut self, machine: usize) {
        for (mine, remote) in self.seen[machine].iter_mut().zip(&mut self.remote) {
            let both = (*mine).max(*remote);
            (*mine, *remote) = (both, both);
        }
    }

    /// The value each field must end with: the last one set, where each edit of the field
    /// was made on a copy that had seen the edit before it. A field that two machines set
    /// without seeing each other's edit has no such value (the later changed record wins),
    /// nor has one whose last edit is the promise's delete.
    fn expected(&self) -> impl Iterator<Item = (Uid, &'static str, &str)> {
        self.fields.iter().filter_map(|((uid, name), edits)| {
            let ordered = edits
                .windows(2)
                .all(|w| w[0].0.iter().zip(&w[1].0).all(|(a, b)| a <= b));
            let last = edits.last()?.1.as_deref()?;
            ordered.then_some((*uid, *name, last))
        })
    }
}

#[test]
fn three_clones_with_random_changes_and_syncs_end_identical_and_lose_nothing() {
    let (_root, _remote, machines) = network(3);
    let mut rng = Lcg(0x5eed_1e55);
    // Every promise made, and the ones some machine deleted.
    let mut made: HashSet<Uid> = HashSet::new();
    let mut deleted: HashSet<Uid> = HashSet::new();
    let mut writes = Writes::new(machines.len());
    // Every person added, with their name.
    let mut added: Vec<(Uid, String)> = machines[0]
        .ledger()
        .people
        .iter()
        .map(|p| (p.uid, p.name.clone()))
        .collect();
    for step in 0..300 {
        let at = rng.below(machines.len());
        let m = &machines[at];
        let l = m.ledger();
        let person = |rng: &mut Lcg| {
            let active: Vec<_> = l.people.iter().filter(|p| !p.archived).collect();
            active[rng.below(active.len())].handle.clone()
        };
        // Edits go half the time to one of the first few promises, so that machines often
        // change the same promises between two syncs (different fields and the same).
        let promise = |rng: &mut Lcg, edit: bool| {
            let few = if edit && rng.below(2) == 0 {
                4
            } else {
                usize::MAX
            };
            let among = few.min(l.promises.len());
            (among > 0).then(|| l.promises[rng.below(among)].clone())
        };
        match rng.below(10) {
            0 => {
                // A name this machine has not got yet; another machine may have added it.
                let name = NAMES[rng.below(NAMES.len())];
                if l.same_name(name).is_empty() {
                    m.ok(&["person", "add", name]);
                    let uid = m.ledger().same_name(name)[0].uid;
                    added.push((uid, name.to_string()));
                }
            }
            1 | 2 => {
                let who = person(&mut rng);
                m.ok(&["promise", "add", &who, &format!("promise of step {step}")]);
                let after = m.ledger();
                made.extend(after.promises.iter().map(|p| p.uid));
            }
            3 => {
                if let Some(p) = promise(&mut rng, true) {
                    let what = format!("reworded at step {step}");
                    m.ok(&["edit", &p.id.to_string(), "--what", &what]);
                    writes.edited(at, m, p.uid, &["what"]);
                }
            }
            4 => {
                if let Some(p) = promise(&mut rng, true) {
                    let level = ["task", "result", "impact"][rng.below(3)];
                    m.ok(&["edit", &p.id.to_string(), "--level", level, "--due", "+1w"]);
                    writes.edited(at, m, p.uid, &["level", "due"]);
                }
            }
            5 => {
                if let Some(p) = promise(&mut rng, true).filter(|p| p.status.as_str() == "open") {
                    let verb = ["keep", "break", "release"][rng.below(3)];
                    m.ok(&[verb, &p.id.to_string()]);
                    writes.edited(at, m, p.uid, &["outcome"]);
                }
            }
            6 => {
                if let Some(p) = promise(&mut rng, false) {
                    m.ok(&["rm", &p.id.to_string()]);
                    deleted.insert(p.uid);
                    writes.deleted(at, p.uid);
                }
            }
            _ => {
                m.ok(&["sync"]);
                writes.synced(at);
            }
        }
    }
    // Two rounds of syncs bring everyone to the same state.
    for _ in 0..2 {
        for m in &machines {
            m.ok(&["sync"]);
        }
    }
    let first = std::fs::read(&machines[0].file).unwrap();
    for m in &machines[1..] {
        assert_eq!(std::fs::read(&m.file).unwrap(), first, "the files differ");
    }
    for m in &machines {
        assert_eq!(
            m.git(&["status", "--porcelain"]),
            "",
            "git status is not clean"
        );
    }
    let l = machines[0].ledger();
    let mut check = l.clone();
    assert_eq!(
        check.normalize_and_check(),
        Ok(()),
        "numbers, handles, references"
    );
    let now: HashSet<Uid> = l.promises.iter().map(|p| p.uid).collect();
    for uid in &made {
        assert!(
            now.contains(uid) || deleted.contains(uid),
            "promise {uid} was lost"
        );
    }
    assert!(made.len() > 40, "the test made {} promises", made.len());
    // No edit is lost that nobody else touched: a field whose every edit was made on a copy
    // that had seen the edit before it keeps the value set last.
    let mut checked = 0;
    for (uid, name, last) in writes.expected() {
        let Some(p) = l.promises.iter().find(|p| p.uid == uid) else {
            continue;
        };
        checked += 1;
        assert_eq!(
            field(p, name),
            last,
            "the {name} of promise {uid} (#{}) lost its last edit",
            p.id
        );
    }
    assert!(
        checked > 15,
        "only {checked} edited fields could be checked"
    );
    // Every person added is there: as themselves, or joined into the one person of that name
    // that the same name added on another machine became.
    for (uid, name) in &added {
        let mut lives_as = *uid;
        for _ in 0..machines.len() {
            match l
                .tombstones
                .iter()
                .find(|t| t.uid == lives_as)
                .and_then(|t| t.into)
            {
                Some(into) => lives_as = into,
                None => break,
            }
        }
        let same = l.same_name(name);
        assert!(
            same.len() == 1 && same[0].uid == lives_as,
            "{name} ({uid}) was lost: {:?}",
            same.iter().map(|p| p.uid).collect::<Vec<_>>()
        );
    }
    assert!(added.len() > 3, "the test added {} people", added.len());
}

/// The commands of the README's "Several machines" set-up, each as its words.
fn readme_sync_commands() -> Vec<Vec<String>> {
    let readme = include_str!("../README.md");
    let section = readme
        .split("\n## Several machines\n")
        .nth(1)
        .expect("the README has a Several machines section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the section has a block of commands");
    block
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

/// The README's four commands, run as written with the server's folder for the server: the
/// remote they make is the one the others name, and two machines set up with them share
/// their changes.
#[test]
fn the_readme_sets_up_two_machines_in_four_commands() {
    need_git();
    let commands = readme_sync_commands();
    assert_eq!(commands.len(), 4, "the README shows {commands:?}");
    // 1. The remote, made over SSH: `ssh HOST git init --bare -b main PATH`, its default
    // branch the one sync pushes, so a plain `git clone` of it checks the ledger out.
    let [ssh, host, git, init, bare, b, main, path] = commands[0].as_slice() else {
        panic!("the first command makes no remote: {:?}", commands[0]);
    };
    assert_eq!(
        [ssh, git, init, bare, b, main],
        ["ssh", "git", "init", "--bare", "-b", "main"],
        "{:?}",
        commands[0]
    );
    let url = format!("{host}:{path}");
    let want: [&[&str]; 3] = [
        &["trustladder", "sync", "init", "--remote", &url],
        &["trustladder", "sync", "clone", &url],
        &["trustladder", "sync"],
    ];
    for (command, want) in commands[1..].iter().zip(want) {
        assert_eq!(
            command, want,
            "the commands name the remote the first one made"
        );
    }
    // Run on this machine: the server is a folder, its repository made as the first command
    // makes it there.
    let root = tempfile::tempdir().unwrap();
    let server = root.path().join("server");
    std::fs::create_dir_all(&server).unwrap();
    let made = Command::new("git")
        .env("HOME", &server)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .current_dir(&server)
        .args(&commands[0][3..])
        .output()
        .expect("git runs");
    assert!(made.status.success(), "{made:?}");
    let local = server.join(path).display().to_string();
    let on = |m: &Machine, words: &[String]| {
        let args: Vec<&str> = words[1..]
            .iter()
            .map(|w| {
                if *w == url {
                    local.as_str()
                } else {
                    w.as_str()
                }
            })
            .collect();
        m.ok(&args)
    };
    let a = Machine::new(root.path(), "laptop");
    let b = Machine::new(root.path(), "desktop");
    a.ok(&["person", "add", "Priya Raman"]);
    a.ok(&["promise", "add", "priya", "From the laptop"]);
    on(&a, &commands[1]);
    on(&b, &commands[2]);
    b.ok(&["promise", "add", "priya", "From the desktop"]);
    on(&b, &commands[3]);
    on(&a, &commands[3]);
    let whats = a.whats();
    assert_eq!(
        whats,
        HashSet::from([
            "From the laptop".to_string(),
            "From the desktop".to_string()
        ])
    );
    assert_eq!(
        std::fs::read(&a.file).unwrap(),
        std::fs::read(&b.file).unwrap()
    );
    // A clone made by hand with plain git checks the ledger out.
    let by_hand = root.path().join("by-hand");
    let cloned = Command::new("git")
        .env("HOME", &server)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .arg("clone")
        .arg(&local)
        .arg(&by_hand)
        .output()
        .expect("git runs");
    assert!(cloned.status.success(), "{cloned:?}");
    assert_eq!(
        std::fs::read(by_hand.join(a.file.file_name().unwrap())).unwrap(),
        std::fs::read(&a.file).unwrap()
    );
}

/// The repository holds every version of the ledger: one sync makes is the user's alone,
/// as the data file is, though the folder around it is open to others.
#[test]
fn a_repository_sync_makes_only_the_user_can_open() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let remote = bare_remote(root.path());
    let (a, b) = (
        Machine::new(root.path(), "a"),
        Machine::new(root.path(), "b"),
    );
    a.ok(&["person", "add", "Priya Raman"]);
    for m in [&a, &b] {
        std::fs::create_dir_all(m.folder()).unwrap();
        std::fs::set_permissions(m.folder(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    a.ok(&["sync", "init", "--remote", &remote.display().to_string()]);
    b.ok(&["sync", "clone", &remote.display().to_string()]);
    for m in [&a, &b] {
        let mode = std::fs::metadata(m.folder().join(".git"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "{}", m.folder().display());
    }
}

#[test]
fn an_unreachable_remote_commits_locally_and_exits_with_its_own_code() {
    let (root, _remote, machines) = network(1);
    let m = &machines[0];
    m.git(&[
        "remote",
        "set-url",
        "origin",
        &root.path().join("gone.git").display().to_string(),
    ]);
    m.ok(&["promise", "add", "priya", "Offline work"]);
    let out = m.run(&["sync"]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 commit waits to be pushed"), "{stderr}");
    assert!(
        m.git(&["log", "-1", "--format=%s"])
            .contains("1 promise added")
    );
}

/// A remote's URL with a password in it (a token, on a machine with no credential helper) is
/// shown with the password masked, as git leaves it out of its own words: the message of an
/// offline sync goes to a terminal, a log or a cron job's mail, and it named the password
/// each time. The URL kept in git's config is left whole, and the remote moved from it is
/// named masked too.
#[test]
fn a_password_in_the_remote_s_url_is_never_said() {
    let (root, remote, machines) = network(1);
    let m = &machines[0];
    // Nothing listens on port 1: refused at once, with no network needed.
    let secret = "https://me:s3cret@127.0.0.1:1/trust.git";
    let masked = "https://me:***@127.0.0.1:1/trust.git";
    let out = m.run(&["sync", "init", "--remote", secret]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "trustladder: remote: now {masked} (was {}); the remote {masked} could not be reached (",
            remote.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
    let out = m.run(&["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "trustladder: the remote {masked} could not be reached ("
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
    assert_eq!(
        m.git(&["config", "remote.origin.url"]),
        format!("{secret}\n")
    );
    let back = m.ok(&["sync", "init", "--remote", &remote.display().to_string()]);
    assert!(
        back.starts_with(&format!(
            "remote: now {} (was {masked})\n",
            remote.display()
        )),
        "{back}"
    );
    let other = Machine::new(root.path(), "other");
    let out = other.run(&["sync", "clone", secret]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "trustladder: the remote {masked} could not be reached ("
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
}

/// Offline with everything here pushed already, sync says so in words, not "0 commits wait".
#[test]
fn an_unreachable_remote_with_nothing_to_push_says_so() {
    let (root, _remote, machines) = network(1);
    let m = &machines[0];
    m.git(&[
        "remote",
        "set-url",
        "origin",
        &root.path().join("gone.git").display().to_string(),
    ]);
    let out = m.run(&["sync"]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("could not be reached")
            && stderr.contains(": nothing here waits to be pushed;"),
        "{stderr}"
    );
}

/// README: `sync init --remote URL` on a synced folder moves it to that remote and pushes the
/// whole history there. Out of reach, what waits is that history, where the count made from
/// the old remote's branch said "nothing here waits to be pushed", and the next `sync` then
/// pushed it all.
#[test]
fn a_remote_moved_out_of_reach_says_the_whole_history_waits() {
    let (root, _remote, machines) = network(1);
    let m = &machines[0];
    let gone = root.path().join("gone.git").display().to_string();
    let out = m.run(&["sync", "init", "--remote", &gone]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let all = m.git(&["rev-list", "--count", "HEAD"]);
    let all: usize = all.trim().parse().unwrap();
    assert!(all >= 1);
    let waits = if all == 1 {
        "1 commit waits to be pushed".to_string()
    } else {
        format!("{all} commits wait to be pushed")
    };
    assert!(
        stderr.contains(&format!("remote: now {gone}")) && stderr.contains(&waits),
        "{stderr}"
    );
}

#[test]
fn a_rejected_push_is_merged_and_pushed_again() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    b.ok(&["promise", "add", "priya", "From B"]);
    // B commits but cannot push yet; A's first push is then beaten by B's.
    let b_folder = b.file.parent().unwrap().to_path_buf();
    b.git(&["remote", "set-url", "--push", "origin", "/nowhere"]);
    assert_eq!(b.run(&["sync"]).status.code(), Some(3));
    b.git(&[
        "remote", "set-url", "--delete", "--push", "origin", "/nowhere",
    ]);
    hook_once(
        a,
        "pre-push",
        &format!(
            "HOME='{}' git -C '{}' push --quiet origin main",
            b.home.display(),
            b_folder.display()
        ),
    );
    a.ok(&["promise", "add", "priya", "From A"]);
    let out = a.ok(&["sync"]);
    assert!(out.contains("pushed"), "{out}");
    let whats: Vec<String> = a.ledger().promises.iter().map(|p| p.what.clone()).collect();
    assert!(whats.contains(&"From A".to_string()) && whats.contains(&"From B".to_string()));
}

#[test]
fn a_sync_killed_between_commit_and_push_loses_nothing() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    kill_before_the_push(a);
    a.ok(&["promise", "add", "priya", "Survives a kill"]);
    let killed = a.run(&["sync"]);
    assert!(!killed.status.success());
    // The next sync pushes what was committed; the lock died with the process.
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert!(
        b.ledger()
            .promises
            .iter()
            .any(|p| p.what == "Survives a kill")
    );
}

#[test]
fn what_a_sync_stopped_while_it_pushed_had_merged_is_said_by_the_next_sync() {
    let (_root, machines) = two_promises_numbered_alike();
    let a = &machines[0];
    // Killed after the merge, before the push: as a `timeout` in a cron job, or a terminal
    // closed, stops one waiting on a slow remote.
    kill_before_the_push(a);
    let killed = a.run(&["sync"]);
    assert!(!killed.status.success());
    assert!(String::from_utf8_lossy(&killed.stdout).is_empty());
    let synced = a.ok(&["sync"]);
    assert!(
        synced.contains("the last sync was stopped before it said what it merged"),
        "{synced}"
    );
    assert!(synced.contains("is now #"), "{synced}");
    assert!(synced.contains("pushed"), "{synced}");
    // Said once.
    let again = a.ok(&["sync"]);
    assert!(!again.contains("is now #"), "{again}");
    assert!(!again.contains("stopped"), "{again}");
}

/// A hook git runs after it has written the merged files and before it commits them, which
/// kills `kill` once (the processes a shell word names, `$PPID` being git).
fn kill_before_the_merge_commit(m: &Machine, kill: &str) {
    hook_once(m, "pre-merge-commit", &format!("kill -9 {kill}"));
}

/// A hook that kills the sync (git's parent) once, after what it committed or merged, before
/// its push.
fn kill_before_the_push(m: &Machine) {
    hook_once(m, "pre-push", "kill -9 $(ps -o ppid= -p $PPID)\nexit 1");
}

/// The git hook `name` in `m`'s folder, running `body` the first time only (a file beside it
/// says it ran).
fn hook_once(m: &Machine, name: &str, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    let hook = m.folder().join(".git/hooks").join(name);
    std::fs::write(
        &hook,
        format!("#!/bin/sh\n[ -e \"$0.done\" ] && exit 0\ntouch \"$0.done\"\n{body}\n"),
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Both machines add a promise #2, so the merge moves one of them, and A syncs last.
fn two_promises_numbered_alike() -> (tempfile::TempDir, Vec<Machine>) {
    let (root, _remote, machines) = network(2);
    machines[1].ok(&["promise", "add", "priya", "From B"]);
    machines[1].ok(&["sync"]);
    machines[0].ok(&["promise", "add", "priya", "From A"]);
    (root, machines)
}

#[test]
fn a_merge_git_stopped_before_its_commit_is_undone_and_said_by_the_next_sync() {
    let (_root, machines) = two_promises_numbered_alike();
    let a = &machines[0];
    kill_before_the_merge_commit(a, "$PPID");
    let before = std::fs::read(&a.file).unwrap();
    let stopped = a.run(&["sync"]);
    assert_eq!(stopped.status.code(), Some(1));
    let said = String::from_utf8_lossy(&stopped.stderr);
    assert!(said.contains("git stopped before it finished"), "{said}");
    assert!(!said.contains("trustladder merge:"), "{said}");
    // As it was: the file, and nothing staged for the next commit to take as A's own.
    assert_eq!(std::fs::read(&a.file).unwrap(), before);
    assert_eq!(a.git(&["status", "--porcelain"]), "");
    let synced = a.ok(&["sync"]);
    assert!(!synced.contains("committed"), "{synced}");
    assert!(synced.contains("is now #2"), "{synced}");
}

#[test]
fn a_merge_cut_short_with_its_sync_is_undone_and_merged_again_by_the_next_sync() {
    let (_root, machines) = two_promises_numbered_alike();
    let (a, b) = (&machines[0], &machines[1]);
    // git and the sync that ran it: what git merged stays staged, with no MERGE_HEAD.
    kill_before_the_merge_commit(a, "$(ps -o ppid= -p $PPID) $PPID");
    let killed = a.run(&["sync"]);
    assert!(!killed.status.success());
    assert_ne!(a.git(&["status", "--porcelain"]), "");
    // Offline, the merge is undone all the same, and nothing said merged; the file that git
    // put back stays private.
    let remote = PathBuf::from(a.git(&["config", "remote.origin.url"]).trim());
    let away = remote.with_extension("away");
    std::fs::rename(&remote, &away).unwrap();
    let offline = a.run(&["sync"]);
    assert_eq!(offline.status.code(), Some(3));
    let said = String::from_utf8_lossy(&offline.stderr);
    assert!(
        said.starts_with(
            "trustladder: merged: a merge that the last sync did not finish was undone, so the ledger here is as it was before it (as the merge left it, it is kept as trustladder.json.0"
        ),
        "{said}"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&a.file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    std::fs::rename(&away, &remote).unwrap();
    let synced = a.ok(&["sync"]);
    // Not committed as A's own change, and the number the merge moved is said.
    assert!(!synced.contains("committed"), "{synced}");
    assert!(synced.contains("is now #2"), "{synced}");
    assert_eq!(a.git(&["status", "--porcelain"]), "");
    b.ok(&["sync"]);
    for m in [a, b] {
        let whats = m.whats();
        assert_eq!(
            whats,
            HashSet::from(["From A".to_string(), "From B".to_string()])
        );
    }
}

/// What a sync killed alone (not git with it) as git merges leaves: the merged ledger written
/// to the work tree, `AUTO_MERGE` and `ORIG_HEAD`, and neither the index nor `MERGE_HEAD`;
/// and the sync's own mark of the merge it started, naming the commit it started from.
/// Made with git's own merge through the driver (A's change committed by hand first), its
/// commit then taken back with the index, the merged file left in place.
fn merge_written_to_the_work_tree_alone(a: &Machine) -> Vec<u8> {
    a.git(&[&IDENTITY[..], &["commit", "-q", "-am", "From A"]].concat());
    a.git(&["fetch", "-q", "origin"]);
    let before = a.git(&["rev-parse", "HEAD"]);
    let before = before.trim();
    a.git(&[&IDENTITY[..], &["merge", "-q", "--no-edit", "origin/main"]].concat());
    let tree = a.git(&["rev-parse", "HEAD^{tree}"]);
    let merged = std::fs::read(&a.file).unwrap();
    a.git(&["reset", "-q", "--hard", before]);
    a.git(&["update-ref", "AUTO_MERGE", tree.trim()]);
    a.git(&["update-ref", "ORIG_HEAD", before]);
    // The reflog of HEAD as long as the sync found it (git by hand since would lengthen it).
    let logged = std::fs::metadata(a.folder().join(".git/logs/HEAD"))
        .unwrap()
        .len();
    std::fs::write(
        a.folder().join(".git/trustladder-merging"),
        format!("{before} {logged}\n"),
    )
    .unwrap();
    std::fs::write(&a.file, &merged).unwrap();
    assert_eq!(a.git(&["status", "--porcelain"]), " M trustladder.json\n");
    merged
}

/// The merged ledger left in the work tree alone is the merge's, not a change of A's: undone
/// and merged again, never committed as A's with B's changes in it.
#[test]
fn a_merge_written_to_the_work_tree_alone_is_undone_by_the_next_sync() {
    let (_root, machines) = two_promises_numbered_alike();
    let (a, b) = (&machines[0], &machines[1]);
    let merged = merge_written_to_the_work_tree_alone(a);
    let synced = a.ok(&["sync"]);
    let kept = synced
        .strip_prefix(
            "merged: a merge that the last sync did not finish was undone, so the ledger here is as it was before it (as the merge left it, it is kept as ",
        )
        .and_then(|rest| rest.split_once(':'))
        .map(|(name, _)| name.to_string())
        .unwrap_or_else(|| panic!("{synced}"));
    // The backup it names holds the ledger as the merge left it, whatever backups the
    // sync made after.
    assert_eq!(
        std::fs::read(a.folder().join("backups").join(&kept)).unwrap(),
        merged
    );
    assert!(!synced.contains("committed"), "{synced}");
    assert!(synced.contains("is now #2"), "{synced}");
    assert!(!synced.contains("id of"), "{synced}");
    // A merge of both, not a commit of A's.
    let parents = a.git(&["rev-list", "--parents", "-n", "1", "HEAD"]);
    assert_eq!(parents.split_whitespace().count(), 3, "{parents}");
    assert_eq!(a.git(&["status", "--porcelain"]), "");
    b.ok(&["sync"]);
    for m in [a, b] {
        let whats = m.whats();
        assert_eq!(
            whats,
            HashSet::from(["From A".to_string(), "From B".to_string()])
        );
    }
}

/// A ledger changed by hand since such a merge (neither as it was nor as the merge wrote it)
/// is the user's, and is never undone.
#[test]
fn a_change_made_after_a_merge_written_to_the_work_tree_alone_stays() {
    let (_root, machines) = two_promises_numbered_alike();
    let a = &machines[0];
    merge_written_to_the_work_tree_alone(a);
    a.ok(&["person", "add", "Late Comer"]);
    let synced = a.ok(&["sync"]);
    assert!(!synced.contains("was undone"), "{synced}");
    assert!(synced.contains("committed"), "{synced}");
    assert!(a.ok(&["person", "list"]).contains("Late Comer"));
    // What the merge brought stays with the change made after it, all committed.
    let whats = a.whats();
    assert!(whats.contains("From B"), "{whats:?}");
    assert_eq!(a.git(&["status", "--porcelain"]), "");
}

/// `git stash pop` leaves `AUTO_MERGE` as a merge cut short does, and the user's change on
/// disk alone: no sync started that merge, so the change is the user's, committed and
/// synced, never undone.
#[test]
fn a_change_brought_back_by_git_stash_pop_is_synced_not_undone() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "Stashed on A"]);
    a.git(&["stash", "-q"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    a.git(&["stash", "pop", "-q"]);
    assert_eq!(a.git(&["status", "--porcelain"]), " M trustladder.json\n");
    let synced = a.ok(&["sync"]);
    assert!(!synced.contains("was undone"), "{synced}");
    assert!(synced.contains("committed"), "{synced}");
    b.ok(&["sync"]);
    for m in [a, b] {
        let whats = m.whats();
        assert_eq!(
            whats,
            HashSet::from(["Stashed on A".to_string(), "From B".to_string()])
        );
    }
}

/// A sync's mark of a merge it started, left by a sync killed in it, and git run by hand
/// since (a reset to tidy up, then a change stashed and popped, which leaves `AUTO_MERGE` as a
/// merge cut short does): the mark is another time's, and the change is committed, never
/// undone.
#[test]
fn a_mark_left_by_a_killed_sync_undoes_nothing_once_git_was_run_by_hand() {
    let (_root, machines) = two_promises_numbered_alike();
    let a = &machines[0];
    merge_written_to_the_work_tree_alone(a);
    a.git(&["reset", "-q", "--hard"]);
    a.ok(&["promise", "add", "priya", "Made after the reset"]);
    a.git(&["stash", "-q"]);
    a.git(&["stash", "pop", "-q"]);
    let synced = a.ok(&["sync"]);
    assert!(!synced.contains("was undone"), "{synced}");
    let whats = a.whats();
    assert!(whats.contains("Made after the reset"), "{whats:?}");
    assert_eq!(a.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_merge_left_unfinished_is_concluded_by_the_next_sync() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    let folder = b.file.parent().unwrap().to_path_buf();
    // A merge stopped before its commit, as a sync killed in the middle of it leaves one.
    git_in(&b.home, &folder, &["commit", "--quiet", "-am", "by hand"]);
    git_in(&b.home, &folder, &["fetch", "--quiet", "origin"]);
    git_in(
        &b.home,
        &folder,
        &["merge", "--quiet", "--no-commit", "--no-ff", "origin/main"],
    );
    assert!(folder.join(".git/MERGE_HEAD").exists());
    b.ok(&["sync"]);
    assert!(!folder.join(".git/MERGE_HEAD").exists());
    assert_eq!(b.git(&["status", "--porcelain"]), "");
    a.ok(&["sync"]);
    for m in [a, b] {
        let whats = m.whats();
        assert_eq!(
            whats,
            HashSet::from(["From A".to_string(), "From B".to_string()])
        );
    }
}

#[test]
fn a_clone_made_by_hand_gets_the_driver_from_its_first_sync() {
    let (root, remote, machines) = network(1);
    let a = &machines[0];
    let b = Machine::new(root.path(), "by-hand");
    let cloned = Command::new("git")
        .env("HOME", &b.home)
        .args(["clone", "--quiet"])
        .arg(&remote)
        .arg(b.file.parent().unwrap())
        .output()
        .unwrap();
    assert!(cloned.status.success());
    assert_eq!(b.git(&["config", "--get", "merge.trustladder.driver"]), "");
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    let out = b.ok(&["sync"]);
    assert!(out.contains("merged:"), "{out}");
    assert!(
        b.git(&["config", "--get", "merge.trustladder.driver"])
            .contains("merge-driver")
    );
    let id_of = |m: &Machine, what: &str| {
        m.ledger()
            .promises
            .iter()
            .find(|p| p.what == what)
            .map(|p| p.id.to_string())
            .unwrap_or_else(|| panic!("no promise {what}"))
    };
    let from_a = id_of(&b, "From A");
    let from_b = id_of(&b, "From B");
    assert_ne!(from_a, from_b);
    // And a plain `git pull` merges through the driver too.
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    a.ok(&["edit", &from_a, "--what", "From A, edited"]);
    a.ok(&["sync"]);
    b.ok(&["edit", &from_b, "--level", "result"]);
    b.git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "--quiet",
        "-am",
        "by hand",
    ]);
    let pull = Command::new("git")
        .env("HOME", &b.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .arg("-C")
        .arg(b.file.parent().unwrap())
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "pull",
            "--no-rebase",
            "--no-edit",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert!(
        pull.status.success(),
        "{}",
        String::from_utf8_lossy(&pull.stderr)
    );
    let l = b.ledger();
    let by_id = |id: &str| l.promises.iter().find(|p| p.id.to_string() == id).unwrap();
    assert_eq!(by_id(&from_a).what, "From A, edited");
    assert_eq!(by_id(&from_b).level.as_str(), "result");
}

/// Every file under `dir` (the `.git` folder too) with its bytes, to tell that nothing changed.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Runs git in `dir` as the user of `home`, asserting it succeeded; returns what it printed.
fn git_in(home: &Path, dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["-c", "user.name=t", "-c", "user.email=t@t", "-C"])
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn sync_init_inside_an_existing_repository_uses_it_with_the_ledger_in_a_subfolder() {
    need_git();
    let root = tempfile::tempdir().unwrap();
    let remote = root.path().join("dotfiles.git");
    git_in(
        root.path(),
        root.path(),
        &[
            "init",
            "--quiet",
            "--bare",
            "--initial-branch=main",
            "dotfiles.git",
        ],
    );
    // The user's own repository (their dotfiles, say), with the ledger in a folder of it.
    let home = root.path().join("home-a");
    let repo = home.join("dotfiles");
    std::fs::create_dir_all(&repo).unwrap();
    git_in(&home, &repo, &["init", "--quiet", "--initial-branch=main"]);
    std::fs::write(repo.join("vimrc"), "set number\n").unwrap();
    git_in(&home, &repo, &["add", "vimrc"]);
    git_in(&home, &repo, &["commit", "--quiet", "-m", "vimrc"]);
    let a = Machine::at(home, repo.join("trust").join("trustladder.json"));
    a.ok(&["person", "add", "Priya Raman"]);
    a.ok(&["promise", "add", "priya", "From A"]);
    // Work of the user's own in the repository, staged and not: sync leaves both alone.
    std::fs::write(repo.join("vimrc"), "set number\nsyntax on\n").unwrap();
    std::fs::write(repo.join("bashrc"), "alias l=ls\n").unwrap();
    git_in(&a.home, &repo, &["add", "bashrc"]);
    let out = a.run(&["sync", "init", "--remote", &remote.display().to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !repo.join("trust/.git").exists(),
        "a repository inside the repository"
    );
    let driver = git_in(
        &a.home,
        &repo,
        &["config", "--get", "merge.trustladder.driver"],
    );
    assert!(driver.contains("merge-driver"), "{driver:?}");
    let committed = git_in(&a.home, &repo, &["ls-tree", "-r", "--name-only", "HEAD"]);
    let committed: Vec<&str> = committed.lines().collect();
    assert_eq!(
        committed,
        [
            "trust/.gitattributes",
            "trust/.gitignore",
            "trust/trustladder.json",
            "vimrc"
        ]
    );
    assert_eq!(
        git_in(&a.home, &repo, &["status", "--porcelain"]),
        "A  bashrc\n M vimrc\n",
        "the user's own work is as it was"
    );
    git_in(&a.home, &repo, &["commit", "--quiet", "-am", "shell setup"]);

    // A second machine clones the whole repository by hand; sync runs in the ledger's folder.
    let b = Machine::at(
        root.path().join("home-b"),
        root.path().join("home-b/dotfiles/trust/trustladder.json"),
    );
    std::fs::create_dir_all(&b.home).unwrap();
    git_in(
        &b.home,
        &b.home,
        &[
            "clone",
            "--quiet",
            &remote.display().to_string(),
            "dotfiles",
        ],
    );
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    // Changes on both machines to the same promise merge field by field through the driver.
    a.ok(&["edit", "1", "--what", "From A, edited"]);
    b.ok(&["edit", "1", "--level", "result"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    let out = a.ok(&["sync"]);
    assert!(out.contains("merged:"), "{out}");
    b.ok(&["sync"]);
    assert_eq!(
        std::fs::read(&a.file).unwrap(),
        std::fs::read(&b.file).unwrap()
    );
    let l = a.ledger();
    let one = l.promises.iter().find(|p| p.id.to_string() == "1").unwrap();
    assert_eq!(
        (one.what.as_str(), one.level.as_str()),
        ("From A, edited", "result")
    );
    assert!(l.promises.iter().any(|p| p.what == "From B"));
    assert!(
        b.file
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join("bashrc")
            .exists()
    );
    assert_eq!(git_in(&a.home, &repo, &["status", "--porcelain"]), "");
}

#[test]
fn sync_clone_into_a_folder_that_holds_a_ledger_is_refused_and_changes_nothing() {
    let (root, remote, _machines) = network(1);
    let b = Machine::new(root.path(), "has-one");
    b.ok(&["person", "add", "Leo Park"]);
    b.ok(&["promise", "add", "leo", "Mine already"]);
    let folder = b.file.parent().unwrap().to_path_buf();
    let before = snapshot(&b.home);
    let out = b.run(&["sync", "clone", &remote.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already holds a ledger"), "{stderr}");
    assert_eq!(snapshot(&b.home), before, "something changed");
    assert!(!folder.join(".git").exists());
    assert_eq!(b.ledger().promises[0].what, "Mine already");
}

/// A merge of the user's own under way in their repository (a conflict in a file of theirs):
/// `sync init` and `sync` refuse it, naming it, and stage nothing into it, since a sync would
/// commit the merge whole.
#[test]
fn a_merge_of_the_user_s_own_under_way_is_refused_and_nothing_is_staged() {
    need_git();
    let root = tempfile::tempdir().unwrap();
    let home = root.path().join("home-a");
    let repo = home.join("dotfiles");
    std::fs::create_dir_all(&repo).unwrap();
    let git = |args: &[&str]| git_in(&home, &repo, args);
    git(&["init", "--quiet", "--initial-branch=main"]);
    std::fs::write(repo.join("vimrc"), "one\n").unwrap();
    git(&["add", "vimrc"]);
    git(&["commit", "--quiet", "-m", "one"]);
    git(&["checkout", "--quiet", "-b", "side"]);
    std::fs::write(repo.join("vimrc"), "side\n").unwrap();
    git(&["commit", "--quiet", "-am", "side"]);
    git(&["checkout", "--quiet", "main"]);
    std::fs::write(repo.join("vimrc"), "main\n").unwrap();
    git(&["commit", "--quiet", "-am", "main"]);
    let merge = Command::new("git")
        .env("HOME", &home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["-c", "user.name=t", "-c", "user.email=t@t", "-C"])
        .arg(&repo)
        .args(["merge", "--quiet", "side"])
        .output()
        .unwrap();
    assert!(!merge.status.success(), "a conflict in vimrc");

    let a = Machine::at(home.clone(), repo.join("trust").join("trustladder.json"));
    a.ok(&["person", "add", "Priya Raman"]);
    let status = git(&["status", "--porcelain"]);
    for args in [&["sync", "init"][..], &["sync"]] {
        let out = a.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("git has a merge of your own under way in")
                && stderr.contains("(vimrc)")
                && stderr.contains("git merge --abort"),
            "{args:?}: {stderr}"
        );
        assert_eq!(git(&["status", "--porcelain"]), status, "{args:?}");
        assert!(!repo.join("trust/.gitattributes").exists());
    }
}

#[test]
fn sync_init_without_a_ledger_is_refused_naming_sync_clone_and_makes_no_repository() {
    let (root, remote, _machines) = network(1);
    let b = Machine::new(root.path(), "fresh");
    let out = b.run(&["sync", "init", "--remote", &remote.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no ledger at") && stderr.contains("trustladder sync clone URL"),
        "{stderr}"
    );
    assert!(!b.file.exists());
    assert!(!b.file.parent().unwrap().join(".git").exists());
    let log = git_in(&b.home, &remote, &["log", "--format=%s", "main"]);
    assert_eq!(log.lines().count(), 1, "nothing was pushed: {log}");
}

/// `sync` in a clone of an empty remote made by hand, with no ledger in it, is refused as
/// `sync init` is: it would push a branch without a ledger, which every `sync clone` then
/// refuses.
#[test]
fn sync_in_a_folder_with_no_ledger_is_refused_and_pushes_nothing() {
    need_git();
    let root = tempfile::tempdir().unwrap();
    let remote = bare_remote(root.path());
    let m = Machine::new(root.path(), "hand");
    let folder = m.file.parent().unwrap().to_path_buf();
    let cloned = git_in(
        &m.home,
        root.path(),
        &[
            "clone",
            "-q",
            &remote.display().to_string(),
            &folder.display().to_string(),
        ],
    );
    assert_eq!(cloned, "");
    let out = m.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no ledger at") && stderr.contains("trustladder sync clone URL"),
        "{stderr}"
    );
    let branches = git_in(&m.home, &remote, &["branch", "--list"]);
    assert_eq!(branches, "", "nothing was pushed");
}

#[test]
fn the_first_commit_of_a_ledger_with_no_records_says_sync_set_up() {
    need_git();
    let root = tempfile::tempdir().unwrap();
    let remote = bare_remote(root.path());
    let m = Machine::new(root.path(), "empty");
    m.ok(&["person", "add", "Sam Idle"]);
    m.ok(&["person", "rm", "sam"]);
    m.ok(&["sync", "init", "--remote", &remote.display().to_string()]);
    let log = git_in(&m.home, &remote, &["log", "--format=%s", "main"]);
    assert_eq!(
        log, "trustladder: sync set up\n",
        "not a key file, which there is none of"
    );
}

/// Conflict markers from a merge made without the driver: the file is refused, naming `sync`
/// and the way back (with no backup here, the version last synced, by `git checkout`; it
/// offered `restore-backup 1`, then said there was no backup to put back).
#[test]
fn a_file_with_conflict_markers_is_refused_naming_sync_and_the_way_back() {
    let (_root, _remote, machines) = network(1);
    let m = &machines[0];
    let text = std::fs::read_to_string(&m.file).unwrap();
    let marked = text.replacen("\n  \"people\"", "\n<<<<<<< HEAD\n  \"people\"", 1);
    std::fs::write(&m.file, &marked).unwrap();
    let out = m.run(&["list"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("trustladder sync")
            && stderr.contains("there is no backup of it to put back")
            && stderr.contains("checkout -- trustladder.json` puts back the version last synced")
            && !stderr.contains("restore-backup"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&m.file).unwrap(),
        marked,
        "nothing overwrote it"
    );
}

/// A merge git made without the driver (a clone made by hand, where `git pull` left conflict
/// markers and they were committed, then pushed): the machine that took nothing is told that
/// `sync` on the one that made it merges it again; that machine is told so too, not to put
/// back the version before the merge (which lost the other machine's changes on every
/// machine), and its sync keeps both sides.
#[test]
fn a_merge_committed_with_conflict_markers_is_merged_again_by_record_keeping_both_sides() {
    let (root, remote, machines) = network(1);
    let a = &machines[0];
    let c = Machine::new(root.path(), "hand");
    git_in(
        &c.home,
        root.path(),
        &[
            "clone",
            "-q",
            &remote.display().to_string(),
            &c.folder().display().to_string(),
        ],
    );
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    c.ok(&["promise", "add", "priya", "From C"]);
    c.git(&[&IDENTITY[..], &["commit", "-q", "-am", "From C"]].concat());
    c.git(&[&IDENTITY[..], &["pull", "-q", "--no-rebase"]].concat());
    assert!(
        c.git(&["diff", "--name-only", "--diff-filter=U"])
            .contains("trustladder.json")
    );
    c.git(&[&IDENTITY[..], &["commit", "-q", "-am", "merged"]].concat());
    c.git(&["push", "-q", "origin", "main"]);
    let merge = c.git(&["rev-parse", "--short", "HEAD"]);
    let merge = merge.trim();

    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains(&format!("(commit {merge} on origin/main: line ")) && stderr.ends_with(
            ". It is a merge git made without trustladder's merge driver: on the machine that made it, `trustladder sync` merges its two sides again by record, keeping both; then sync again here\n"
        ),
        "{stderr}"
    );

    let stderr = c.fails(&["list"]);
    assert!(
        stderr.contains("holds a conflict marker: git merged this file as text, without trustladder's merge driver"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(&format!(
            "\ntrustladder: note: this folder is synced, and merge {merge} wrote this ledger: git made it without trustladder's merge driver (a clone not made by `trustladder sync clone`, or a merge driver of your own), so it merged the ledger as text. `trustladder sync` merges that merge's two sides again by record, keeping both; putting back a version from before it would lose the other side's changes on every machine\n"
        )),
        "{stderr}"
    );

    let synced = c.ok(&["sync"]);
    assert!(
        synced.starts_with(&format!(
            "merged: the ledger that merge {merge} committed did not read (git made it without trustladder's merge driver): both its sides were merged again by record, and that is committed\n"
        )),
        "{synced}"
    );
    assert!(synced.contains("pushed"), "{synced}");
    assert_eq!(
        c.git(&["log", "-1", "--format=%s"]),
        format!("trustladder: merge {merge} made again by record\n")
    );
    a.ok(&["sync"]);
    for m in [a, &c] {
        let whats = m.whats();
        assert_eq!(
            whats,
            HashSet::from(["From A".to_string(), "From C".to_string()])
        );
    }
}

/// `git pull --rebase` by hand merges the ledger with the driver too, but git swaps the
/// sides in a rebase (ours is the other machine's branch): the driver still names the
/// promise that moved by the machine it is from.
#[test]
fn the_driver_names_the_sides_as_the_user_knows_them_in_a_rebase() {
    let (_root, machines) = two_promises_numbered_alike();
    let a = &machines[0];
    a.git(&[&IDENTITY[..], &["commit", "-q", "-am", "From A"]].concat());
    let out = pull_by_hand(a, &[], &["-q", "--rebase"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // Which of the two keeps #1 is the same on every machine, but not known beforehand.
    let numbers: BTreeMap<u64, String> = a
        .ledger()
        .promises
        .iter()
        .map(|p| (p.id.0, p.what.clone()))
        .collect();
    let side = match numbers.get(&2).map(String::as_str) {
        Some("From A") => "here",
        Some("From B") => "from the other machine",
        moved => panic!("{moved:?} is #2"),
    };
    assert!(
        stderr.contains(&format!(
            "trustladder merge: took 1 promise added from this machine's commit, replayed on the other machine's by the rebase\ntrustladder merge: #1 {side} is now #2\n"
        )),
        "{stderr}"
    );
}

/// Kim added on both machines, the other machine's sync joining this one's Kim into its own:
/// a `git pull --rebase` here takes that join through the driver, which says it, with the
/// note of this machine's Kim that the one Kim does not keep, as a sync here says it (it
/// said only what this machine's commit changed, and nothing of the join, nor did the sync
/// after it).
#[test]
fn the_driver_says_a_join_made_elsewhere_in_a_rebase() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["person", "add", "Kim", "--note", "From A"]);
    a.ok(&["sync"]);
    // Added a day earlier, so B's record is the one the join keeps.
    b.ok(&[
        "--today",
        "2026-11-20",
        "person",
        "add",
        "Kim",
        "--note",
        "From B",
    ]);
    let joined = b.ok(&["sync"]);
    assert!(joined.contains("Kim was added on both sides"), "{joined}");
    a.ok(&["person", "edit", "priya", "--role", "Backend"]);
    a.git(&[&IDENTITY[..], &["commit", "-q", "-am", "Priya's role"]].concat());
    let out = pull_by_hand(a, &[], &["-q", "--rebase"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "trustladder merge: Kim was added on both sides: one person now; kept note \"From B\" over \"From A\"\n"
        ),
        "{stderr}"
    );
    let kims: Vec<String> = a
        .ledger()
        .people
        .iter()
        .filter(|p| p.name == "Kim")
        .map(|p| p.note.clone())
        .collect();
    assert_eq!(kims, ["From B"]);
}

/// The backup a sync keeps is a copy, never the data file under a second name (git leaves a
/// file it does not change as it is: a link would be damaged with it), and a sync that takes
/// nothing of the ledger (another machine changed `.gitignore` alone) keeps none.
#[test]
fn the_backup_before_a_sync_is_a_copy_made_only_when_the_ledger_comes_in() {
    use std::os::unix::fs::MetadataExt;
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    let backups = a.file.parent().unwrap().join("backups");
    let names = || -> Vec<PathBuf> {
        let mut all: Vec<PathBuf> = std::fs::read_dir(&backups)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        all.sort();
        all
    };
    let before = names();
    let gitignore = b.file.parent().unwrap().join(".gitignore");
    let mut text = std::fs::read_to_string(&gitignore).unwrap();
    text.push_str("*.swp\n");
    std::fs::write(&gitignore, text).unwrap();
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(names(), before, "nothing of the ledger came in");
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    let data = std::fs::read(&a.file).unwrap();
    a.ok(&["sync"]);
    let after = names();
    assert_eq!(after.len(), before.len() + 1);
    let kept = after.iter().find(|p| !before.contains(p)).unwrap();
    assert_eq!(std::fs::read(kept).unwrap(), data);
    let (kept, now) = (
        std::fs::metadata(kept).unwrap(),
        std::fs::metadata(&a.file).unwrap(),
    );
    assert_ne!(kept.ino(), now.ino());
    assert_eq!(kept.nlink(), 1);
}

/// A sync that takes another machine's changes keeps the ledger as it was as a backup; put
/// back, it would lose what the sync brought, so it is put back only when asked.
#[test]
fn a_backup_from_before_the_last_sync_is_not_put_back_unasked() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "Ship it"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "Added on B"]);
    b.ok(&["sync"]);
    let backups = a.file.parent().unwrap().join("backups");
    let count = || std::fs::read_dir(&backups).unwrap().count();
    let before = count();
    a.ok(&["sync"]);
    assert!(a.ok(&["list"]).contains("Added on B"));
    // The sync that took B's change kept A's ledger as it was before, as the newest backup;
    // one with nothing to take keeps none.
    assert_eq!(count(), before + 1);
    a.ok(&["sync"]);
    assert_eq!(count(), before + 1);
    // A's backups hold only its own saves and what it had before the sync: none with what
    // B's sync brought.
    let text = std::fs::read_to_string(&a.file).unwrap();
    let damaged = text.replacen("\"what\"", "\"what\",", 1);
    std::fs::write(&a.file, &damaged).unwrap();

    let checkout = format!(
        "`git -C {} checkout -- {}` puts back the version last synced",
        a.folder().display(),
        a.file.file_name().unwrap().to_string_lossy()
    );
    // Every command names it, `sync` too (it gave only the first line).
    for command in ["list", "sync"] {
        let out = a.run(&[command]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&checkout), "{command}: {stderr}");
    }
    assert_eq!(std::fs::read_to_string(&a.file).unwrap(), damaged);

    let out = a.run(&["restore-backup", "1"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("backup 1 lacks 1 promise that the last sync holds")
            && stderr.contains(&checkout)
            && stderr.contains("`trustladder restore-backup 1 --force`"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&a.file).unwrap(), damaged);

    // What the message says to run brings back the last sync, which syncs on losing nothing.
    a.git(&[
        "checkout",
        "--",
        &a.file.file_name().unwrap().to_string_lossy(),
    ]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let listed = b.ok(&["list"]);
    assert!(
        listed.contains("Ship it") && listed.contains("Added on B"),
        "{listed}"
    );

    // Asked for, it is put back.
    std::fs::write(&a.file, &damaged).unwrap();
    let restored = a.ok(&["restore-backup", "1", "--force"]);
    assert!(restored.starts_with("restored "), "{restored}");
    let listed = a.ok(&["list"]);
    assert!(
        listed.contains("Ship it") && !listed.contains("Added on B"),
        "{listed}"
    );
}

/// A backups folder in the way (a file where it belongs) stops a sync that would take the
/// remote's changes before it commits anything, as its message says ("Nothing was changed"):
/// it committed first, then stopped at the backup.
#[test]
fn a_backups_folder_in_the_way_stops_a_sync_before_it_commits() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    a.ok(&["promise", "add", "priya", "From A"]);
    let backups = a.file.parent().unwrap().join("backups");
    std::fs::remove_dir_all(&backups).unwrap();
    std::fs::write(&backups, "junk\n").unwrap();
    let head = a.git(&["rev-parse", "HEAD"]);
    let before = std::fs::read(&a.file).unwrap();
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains("this is a regular file") && stderr.contains("Nothing was changed"),
        "{stderr}"
    );
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head, "nothing committed");
    assert_eq!(std::fs::read(&a.file).unwrap(), before);
}

/// A ledger of a newer format on the remote is no damage: the sync says to update this
/// program, not to put back a backup on the other machine.
#[test]
fn a_newer_ledger_on_the_remote_is_not_called_damaged() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    let text = std::fs::read_to_string(&b.file).unwrap();
    std::fs::write(
        &b.file,
        text.replacen("\"version\": 2", "\"version\": 99", 1),
    )
    .unwrap();
    b.git(&[&IDENTITY[..], &["commit", "-q", "-a", "-m", "newer"]].concat());
    b.git(&["push", "-q"]);
    a.ok(&["promise", "add", "priya", "Made here"]);
    let stderr = a.fails(&["sync"]);
    assert!(
        !stderr.contains("does not read") && stderr.contains("newer"),
        "{stderr}"
    );
}

/// A ledger here of a newer format (a newer trustladder ran here, or the file came from one
/// another way) is not committed: the sync refuses it as every change of it is refused,
/// naming the format, with nothing committed or staged, as it refuses a file of its own
/// format with a field it does not know. Counted by the fields this program knows, it was
/// committed and pushed as "trustladder: no change".
#[test]
fn a_newer_ledger_here_is_not_committed_as_no_change() {
    let (_root, _remote, machines) = network(2);
    let a = &machines[0];
    let head = a.git(&["rev-parse", "HEAD"]);
    let text = std::fs::read_to_string(&a.file).unwrap();
    let newer = text.replacen("\"version\": 2,", "\"version\": 3,\n  \"future\": 1,", 1);
    assert_ne!(newer, text);
    std::fs::write(&a.file, &newer).unwrap();
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains("written by a newer trustladder (format version 3; this one knows 2), so it is open read-only. Nothing was changed; update trustladder to change it"),
        "{stderr}"
    );
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head, "nothing committed");
    assert_eq!(
        a.git(&["diff", "--cached", "--name-only"]),
        "",
        "nothing staged"
    );
    assert_eq!(std::fs::read_to_string(&a.file).unwrap(), newer);
}

/// A data file, or its folder, made read-only is left as it is by a sync, as by every change
/// ("do not touch"): the sync merged into it and made it writable again.
#[test]
fn a_read_only_data_file_or_folder_is_not_synced_into() {
    use std::os::unix::fs::PermissionsExt;
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    let before = std::fs::read(&a.file).unwrap();
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(&a.file, 0o444).unwrap();
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains("no write permission for its owner (mode 0444)"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&a.file).unwrap(), before);
    let meta = std::fs::metadata(&a.file).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o444);
    mode(&a.file, 0o600).unwrap();
    let folder = a.folder();
    mode(&folder, 0o555).unwrap();
    let out = a.run(&["sync"]);
    mode(&folder, 0o700).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("(mode 0555)"), "{stderr}");
    assert_eq!(std::fs::read(&a.file).unwrap(), before);
    // Writable again, it syncs.
    a.ok(&["sync"]);
    assert!(a.ok(&["list"]).contains("From B"));
}

/// Root syncing a ledger in a folder another user owns is refused before git runs, naming the
/// user to run it as: git refused the folder as another user's and left a `.git` of root's
/// that locked its owner out of `sync init`.
#[test]
fn sync_as_root_in_a_folder_another_user_owns_is_refused_and_makes_nothing() {
    need_git();
    if !nix::unistd::geteuid().is_root() {
        eprintln!("only root can sync in another user's folder: nothing to check here");
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let remote = bare_remote(root.path());
    let m = Machine::new(root.path(), "theirs");
    m.ok(&["person", "add", "Priya Raman"]);
    std::os::unix::fs::chown(m.folder(), Some(65534), Some(65534)).unwrap();
    std::os::unix::fs::chown(&m.file, Some(65534), Some(65534)).unwrap();
    let before = std::fs::read(&m.file).unwrap();
    let url = remote.display().to_string();
    for args in [&["sync", "init", "--remote", &url][..], &["sync"]] {
        let out = m.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("run sync as ") && stderr.contains("Nothing was changed"),
            "{args:?}: {stderr}"
        );
        assert!(!m.folder().join(".git").exists(), "{args:?}");
    }
    assert_eq!(std::fs::read(&m.file).unwrap(), before);
    // A folder of root's inside a repository of theirs: git would not use theirs.
    std::fs::create_dir(m.folder().join(".git")).unwrap();
    std::os::unix::fs::chown(m.folder().join(".git"), Some(65534), Some(65534)).unwrap();
    let inner = m.folder().join("sub");
    std::fs::create_dir(&inner).unwrap();
    let file = inner.join("trustladder.json");
    std::fs::copy(&m.file, &file).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
        .env("HOME", &m.home)
        .args(["--file", &file.display().to_string(), "sync", "init"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("run sync as "), "{stderr}");
    assert!(!inner.join(".git").exists());
}

/// `sync init` on a read-only data file is refused before it makes anything: it left a
/// repository, `.gitattributes`, `.gitignore` and the remote set, while saying nothing was
/// changed.
#[test]
fn sync_init_on_a_read_only_data_file_makes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    need_git();
    let root = tempfile::tempdir().unwrap();
    let remote = bare_remote(root.path());
    let m = Machine::new(root.path(), "read-only");
    m.ok(&["person", "add", "Priya Raman"]);
    let before = std::fs::read(&m.file).unwrap();
    let files = || -> Vec<String> {
        let mut all: Vec<String> = std::fs::read_dir(m.folder())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        all.sort();
        all
    };
    let there = files();
    assert!(!there.contains(&".git".to_string()), "{there:?}");
    let mode = |m: u32| std::fs::Permissions::from_mode(m);
    std::fs::set_permissions(&m.file, mode(0o444)).unwrap();
    let stderr = m.fails(&["sync", "init", "--remote", &remote.display().to_string()]);
    assert!(
        stderr.contains("no write permission for its owner (mode 0444)")
            && stderr.contains("Nothing was changed"),
        "{stderr}"
    );
    assert_eq!(
        files(),
        there,
        "no repository, .gitattributes or .gitignore made"
    );
    assert_eq!(std::fs::read(&m.file).unwrap(), before);
    std::fs::set_permissions(&m.file, mode(0o600)).unwrap();
    m.ok(&["sync", "init", "--remote", &remote.display().to_string()]);
}

/// A remote whose ledger does not read (cut short and pushed by hand on another machine) is
/// not taken: it replaced the good ledger here, and the sync said "nothing was changed".
#[test]
fn a_damaged_ledger_on_the_remote_is_not_taken() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "Ship it"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let text = std::fs::read(&b.file).unwrap();
    std::fs::write(&b.file, &text[..text.len() / 2]).unwrap();
    b.git(&[&IDENTITY[..], &["commit", "-q", "-a", "-m", "by hand"]].concat());
    b.git(&["push", "-q"]);
    // With nothing of its own to merge, A fast-forwarded onto it.
    let before = std::fs::read(&a.file).unwrap();
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains("the remote's trustladder.json does not read")
            && stderr.contains("nothing was merged or changed"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&a.file).unwrap(), before);
    a.ok(&["promise", "add", "priya", "Made here"]);
    let before = std::fs::read(&a.file).unwrap();
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains("the remote's trustladder.json does not read")
            && stderr.contains("nothing was merged, and the ledger here is as it was")
            && stderr.contains("1 promise added"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&a.file).unwrap(), before);
    assert!(a.ok(&["list"]).contains("Made here"));
    // B, which pushed it, puts back a sound ledger and syncs: its own damaged version, which
    // it has moved past, stops nothing; then both sync on.
    std::fs::write(&b.file, &text).unwrap();
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    let listed = a.ok(&["list"]);
    assert!(
        listed.contains("Made here") && listed.contains("Ship it"),
        "{listed}"
    );
}

/// A backup from before a sync that brought no new record, only an outcome, an edit and a
/// deletion, lacks them all the same: put back, the next sync would undo them on every
/// machine, so it is refused unasked (it was put back, and the other machine's keep, edit and
/// deletion were undone everywhere).
#[test]
fn a_backup_from_before_a_sync_that_brought_changes_alone_is_not_put_back_unasked() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    for what in ["Ship it", "Draft the plan", "Book the room"] {
        a.ok(&["promise", "add", "priya", what]);
    }
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    b.ok(&["keep", "1", "--note", "kept on B"]);
    b.ok(&["edit", "2", "--what", "Draft the plan, reworded on B"]);
    b.ok(&["rm", "3"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    let before = std::fs::read(&a.file).unwrap();
    let stderr = a.fails(&["restore-backup", "1"]);
    assert!(
        stderr.contains(
            "backup 1 lacks the latest change to 2 promises and the deletion of 1 promise that the last sync holds"
        ) && stderr.contains("would undo that on every machine"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&a.file).unwrap(), before, "nothing changed");
    // Asked for, it is put back; the next sync then carries it, as --force says.
    a.ok(&["restore-backup", "1", "--force"]);
    assert!(a.ok(&["list"]).contains("Book the room"));
}

/// A number a merge moved is no change the backup lacks: two promises made as #1 on two
/// machines, merged, leave the backup from before the merge lacking one promise, said as
/// such (the one moved was also counted as "the latest change to 1 promise").
#[test]
fn a_number_moved_by_a_merge_is_not_counted_as_a_change_the_backup_lacks() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "From A"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    for m in [a, b] {
        let listed = m.ok(&["list"]);
        assert!(listed.contains("#2"), "{listed}");
        let out = m.run(&["restore-backup", "1"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("backup 1 lacks 1 promise that the last sync holds"),
            "{stderr}"
        );
    }
}

/// A backup lacking only what was deleted here since the last sync loses nothing the sync
/// would not delete anyway, and a repository of the user's own (not set up by `sync`) has no
/// sync to undo: both are put back unasked.
#[test]
fn a_backup_is_refused_only_for_what_the_next_sync_would_delete() {
    let (_root, _remote, machines) = network(1);
    let a = &machines[0];
    a.ok(&["promise", "add", "priya", "Ship it"]);
    a.ok(&["sync"]);
    a.ok(&["rm", "1"]);
    // Backup 2 is from before the promise was added: it lacks only what was deleted since.
    let restored = a.ok(&["restore-backup", "2"]);
    assert!(restored.starts_with("restored "), "{restored}");

    need_git();
    let root = tempfile::tempdir().unwrap();
    let m = Machine::new(root.path(), "own-repository");
    m.ok(&["person", "add", "Priya Raman"]);
    m.ok(&["promise", "add", "priya", "Ship it"]);
    let folder = m.folder();
    git_in(&m.home, &folder, &["init", "-q"]);
    git_in(&m.home, &folder, &["add", "."]);
    git_in(&m.home, &folder, &["commit", "-q", "-m", "by hand"]);
    let restored = m.ok(&["restore-backup", "1"]);
    assert!(restored.starts_with("restored "), "{restored}");
}

/// A damaged ledger committed by hand is no version a sync left: the backup from before the
/// last sync is compared with the newest committed version that reads, and refused as ever
/// (put back, the next sync deleted the other machine's promise on every machine); the way
/// back named, here and in the damaged file's note, is that version, not the damaged one.
#[test]
fn a_backup_is_compared_with_the_last_committed_version_that_reads() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "Must survive"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let good = b.git(&["rev-parse", "--short", "HEAD"]);
    let good = good.trim();
    let text = std::fs::read(&b.file).unwrap();
    std::fs::write(&b.file, &text[..text.len() / 2]).unwrap();
    b.git(
        &[
            &IDENTITY[..],
            &["commit", "-q", "-am", "hand edit gone wrong"],
        ]
        .concat(),
    );
    let damaged = std::fs::read(&b.file).unwrap();
    let checkout = format!(
        "`git -C {} checkout {good} -- trustladder.json` puts back the last version committed that reads (commit {good}; the one committed since does not read)",
        b.folder().display()
    );
    let stderr = b.fails(&["list"]);
    assert!(stderr.contains(&checkout), "{stderr}");
    assert!(!stderr.contains("checkout -- trustladder.json"), "{stderr}");

    let stderr = b.fails(&["restore-backup", "1"]);
    assert!(
        stderr.contains("backup 1 lacks 1 promise that the last sync holds")
            && stderr.contains(&format!("Nothing was changed; {checkout}")),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&b.file).unwrap(), damaged);

    // What it says to run puts the last sync back, and nothing is lost anywhere.
    b.git(&["checkout", good, "--", "trustladder.json"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    for m in [a, b] {
        assert!(m.ok(&["list"]).contains("Must survive"));
    }
}

#[test]
fn two_syncthing_conflict_copies_are_merged_at_the_next_change() {
    need_git();
    let root = tempfile::tempdir().unwrap();
    let m = Machine::new(root.path(), "synced-folder");
    m.ok(&["person", "add", "Priya Raman"]);
    m.ok(&["promise", "add", "priya", "Here"]);
    let base = std::fs::read(&m.file).unwrap();
    // Two other devices each changed the file they had; the tool kept their versions beside it.
    let mut copies = Vec::new();
    for (device, what) in [
        ("AAAAAAA", "From the laptop"),
        ("BBBBBBB", "From the desktop"),
    ] {
        let other = root.path().join(format!("other-{device}.json"));
        std::fs::write(&other, &base).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_trustladder"))
            .arg("--file")
            .arg(&other)
            .args(["--today", TODAY, "promise", "add", "priya", what])
            .output()
            .unwrap();
        assert!(out.status.success());
        let copy = m.file.with_file_name(format!(
            "trustladder.sync-conflict-20261124-10101{}-{device}.json",
            copies.len()
        ));
        std::fs::copy(&other, &copy).unwrap();
        copies.push(copy);
    }
    let report = m.ok(&["check"]);
    assert!(report.contains("conflict copies"), "{report}");
    m.ok(&["promise", "add", "priya", "Next change"]);
    let whats = m.whats();
    for want in ["Here", "From the laptop", "From the desktop", "Next change"] {
        assert!(whats.contains(want), "{want} is missing: {whats:?}");
    }
    for copy in &copies {
        assert!(!copy.exists(), "the copy was not put away");
        let kept = store::backups::folder(&m.file).join(copy.file_name().unwrap());
        assert!(kept.exists(), "the copy is not in backups/");
    }
    let mut check = m.ledger();
    assert_eq!(check.normalize_and_check(), Ok(()));
}

/// The terminal UI open on one clone picks up a sync run beside it, as any change made
/// elsewhere: what another machine added shows within a few seconds.
#[test]
fn the_ui_shows_what_a_sync_from_another_pane_brought() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "From the laptop"]);
    a.ok(&["sync"]);
    let command = format!(
        "HOME={} exec {} --file {} --today {TODAY}",
        quoted(&a.home),
        quoted(Path::new(env!("CARGO_BIN_EXE_trustladder"))),
        quoted(&a.file)
    );
    let tmux = Tmux::start("sync-pane", &command);
    tmux.wait_for("Priya Raman");
    tmux.keys(&["Enter"]);
    tmux.wait_for("From the laptop");

    b.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "From the desktop"]);
    b.ok(&["sync"]);
    let synced = a.ok(&["sync"]);
    assert!(synced.contains("1 promise added"), "{synced}");
    let start = std::time::Instant::now();
    let screen = tmux.wait_for("From the desktop");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "the UI took {:?}",
        start.elapsed()
    );
    assert!(screen.contains("From the laptop"), "{screen}");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "0");
    assert_eq!(
        a.git(&["status", "--porcelain"]),
        "",
        "the UI wrote nothing"
    );
}

/// A data file whose name git would read as two words or a pattern in `.gitattributes` (and
/// so never hand to the driver, merging the JSON line by line) is refused by `sync init`,
/// naming the fault, and nothing is set up.
#[test]
fn a_data_file_name_git_cannot_match_is_refused() {
    need_git();
    let root = tempfile::tempdir().unwrap();
    let home = root.path().join("home");
    std::fs::create_dir_all(home.join("tmp")).unwrap();
    let machine = Machine::at(home.clone(), home.join("ledger").join("my team.json"));
    machine.ok(&["person", "add", "Priya Raman"]);
    let stderr = machine.fails(&["sync", "init"]);
    assert!(
        stderr.contains("\"my team.json\"") && stderr.contains("rename"),
        "{stderr}"
    );
    assert!(!machine.folder().join(".gitattributes").exists());
    assert!(!machine.folder().join(".git").exists());
}

/// Two machines syncing one ledger, each with a promise of its own since: A's synced, B's
/// committed by hand and not synced.
fn committed_on_both_sides() -> (tempfile::TempDir, Machine, Machine) {
    need_git();
    let root = tempfile::tempdir().unwrap();
    let url = bare_remote(root.path()).display().to_string();
    let a = Machine::new(root.path(), "a");
    let b = Machine::new(root.path(), "b");
    a.ok(&["person", "add", "Priya Raman"]);
    a.ok(&["sync", "init", "--remote", &url]);
    b.ok(&["sync", "clone", &url]);
    a.ok(&["promise", "add", "priya", "Second from A"]);
    a.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "Second from B"]);
    b.git(&[&IDENTITY[..], &["commit", "-q", "-am", "by hand"]].concat());
    (root, a, b)
}

const IDENTITY: [&str; 4] = ["-c", "user.name=t", "-c", "user.email=t@example.org"];

/// A adds a promise and syncs, B pulls it by hand with git, and B's next sync says what that
/// pull took, and the number of B's own promise it moved, once: said again, it is up to date.
fn a_promise_pulled_by_hand_is_said(a: &Machine, b: &Machine) {
    // Made on an earlier day, A's promise keeps #1 in A's merge, and B's moves to #2.
    a.ok(&["--today", "2026-11-20", "promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    let pulled = pull_by_hand(b, &[], &["-q"]);
    assert!(pulled.status.success(), "{pulled:?}");
    assert_eq!(
        b.ok(&["sync"]),
        "merged: took 1 promise added, which git brought from the remote since the last sync here (a git pull or merge)\n\
         merged: #1 here is now #2\n\
         up to date with the remote\n"
    );
    assert_eq!(b.ok(&["sync"]), "up to date with the remote\n");
}

/// A `git pull` on `m`, as a user types it, with `config` (`-c` settings) before it and
/// `how` (`--no-rebase`, or nothing) after it.
fn pull_by_hand(m: &Machine, config: &[&str], how: &[&str]) -> std::process::Output {
    Command::new("git")
        .env("HOME", &m.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .arg("-C")
        .arg(m.folder())
        .args(IDENTITY)
        .args(config)
        .arg("pull")
        .args(how)
        .arg("--no-edit")
        .output()
        .unwrap()
}

/// A `git pull` run by hand takes the other machines' changes, and a fast-forward says nothing
/// of the ledger: the next sync says what it took and the number of this machine's promise
/// that the other machine's merge moved, as a sync that takes them says them (it said only "up
/// to date"), and the sync after says nothing of it again. A merge made by hand is said the
/// same way, a promise added here before it, which it moved, included, and so is a rebase;
/// commits of this machine's own alone are no change from the remote.
#[test]
fn what_a_git_pull_by_hand_took_is_said_by_the_next_sync() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    a_promise_pulled_by_hand_is_said(a, b);

    b.ok(&["promise", "add", "priya", "Mine, committed"]);
    b.git(&[&IDENTITY[..], &["commit", "-q", "-am", "mine"]].concat());
    assert_eq!(b.ok(&["sync"]), "pushed\n");
    a.ok(&["sync"]);

    // B commits a promise of its own by hand while A adds one dated before it.
    let both_add = |on_b: &str, on_a: &str| {
        b.ok(&["promise", "add", "priya", on_b]);
        b.git(&[&IDENTITY[..], &["commit", "-q", "-am", "mine"]].concat());
        a.ok(&["--today", "2026-11-20", "promise", "add", "priya", on_a]);
    };
    both_add("Second from B", "Second from A");
    a.ok(&["keep", "1"]);
    a.ok(&["sync"]);
    let pulled = pull_by_hand(b, &[], &["-q", "--no-rebase"]);
    assert!(pulled.status.success(), "{pulled:?}");
    assert_eq!(
        b.ok(&["sync"]),
        "merged: took 1 promise added, 1 kept, which git brought from the remote since the last sync here (a git pull or merge)\n\
         merged: #4 here is now #5\n\
         pushed\n"
    );
    let numbers: BTreeMap<String, u64> = b
        .ledger()
        .promises
        .iter()
        .map(|p| (p.what.clone(), p.id.0))
        .collect();
    assert_eq!((numbers["Second from A"], numbers["Second from B"]), (4, 5));
    a.ok(&["sync"]);

    // A rebase replays this machine's commit, and a promise added in it moves as in a merge.
    both_add("Third from B", "Third from A");
    a.ok(&["sync"]);
    let pulled = pull_by_hand(b, &[], &["-q", "--rebase"]);
    assert!(pulled.status.success(), "{pulled:?}");
    assert_eq!(
        b.ok(&["sync"]),
        "merged: took 1 promise added, which git brought from the remote since the last sync here (a git pull or merge)\n\
         merged: #6 here is now #7\n\
         pushed\n"
    );
}

/// A `git pull` and then a `git push` run by hand: the remote's branch holds this machine's
/// own commits too, and the next sync says only what came from the other machines, not the
/// promise committed here by hand as though it came from elsewhere.
#[test]
fn a_push_by_hand_after_a_pull_by_hand_says_only_what_came_from_elsewhere() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    b.ok(&["sync"]);
    // Made on earlier days, A's promises keep their numbers in the merges, and B's move.
    a.ok(&["--today", "2026-11-20", "promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "From B, by hand"]);
    b.git(&[&IDENTITY[..], &["commit", "-q", "-am", "mine"]].concat());
    let pulled = pull_by_hand(b, &[], &["-q", "--no-rebase"]);
    assert!(pulled.status.success(), "{pulled:?}");
    b.git(&["push", "-q"]);
    assert_eq!(
        b.ok(&["sync"]),
        "merged: took 1 promise added, which git brought from the remote since the last sync here (a git pull or merge)\n\
         merged: #1 here is now #2\n\
         up to date with the remote\n"
    );
    // A commit of this machine's own after a fast-forward by hand, pushed by hand, the same.
    a.ok(&[
        "--today",
        "2026-11-21",
        "promise",
        "add",
        "priya",
        "Second from A",
    ]);
    a.ok(&["sync"]);
    let pulled = pull_by_hand(b, &[], &["-q"]);
    assert!(pulled.status.success(), "{pulled:?}");
    b.ok(&["promise", "add", "priya", "Second from B, by hand"]);
    b.git(&[&IDENTITY[..], &["commit", "-q", "-am", "mine"]].concat());
    b.git(&["push", "-q"]);
    assert_eq!(
        b.ok(&["sync"]),
        "merged: took 1 promise added, which git brought from the remote since the last sync here (a git pull or merge)\n\
         merged: #2 here is now #3\n\
         up to date with the remote\n"
    );
}

/// A `git reset --hard` run by hand takes the last sync's commit out of the branch: the next
/// sync says so, which commit and what it changed, and takes it back (from the remote, which
/// still holds it, or, where no remote holds it, merged back with what was committed since),
/// so no promise is lost; the sync after says nothing of it again.
#[test]
fn a_reset_by_hand_is_said_by_the_next_sync_and_loses_no_promise() {
    let (_root, _remote, machines) = network(1);
    let a = &machines[0];
    a.ok(&["promise", "add", "priya", "Pushed"]);
    a.ok(&["sync"]);
    let pushed = reset_last_commit_away(a);
    assert!(!a.whats().contains("Pushed"));
    assert_eq!(
        a.ok(&["sync"]),
        format!(
            "merged: the branch here was moved by hand since the last sync (a git reset?): commit {} that sync left (1 promise added) is no longer in its history; the remote still holds it, and a sync that reaches the remote takes it back, and nothing of it is lost (a record is taken out with `trustladder rm`, which every machine takes)\n\
             merged: took 1 promise added\n\
             up to date with the remote\n",
            pushed.trim()
        )
    );
    assert!(a.whats().contains("Pushed"));
    assert_eq!(a.ok(&["sync"]), "up to date with the remote\n");

    // A sync that cannot reach the remote takes nothing back; the next that does, does.
    a.git(&["reset", "-q", "--hard", "HEAD~1"]);
    let url = a.git(&["remote", "get-url", "origin"]);
    a.git(&["remote", "set-url", "origin", "/nowhere/remote.git"]);
    let out = a.run(&["sync"]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "the remote still holds it, and a sync that reaches the remote takes it back"
        ),
        "{out:?}"
    );
    a.git(&["remote", "set-url", "origin", url.trim()]);
    assert_eq!(
        a.ok(&["sync"]),
        "merged: took 1 promise added\nup to date with the remote\n"
    );
    assert!(a.whats().contains("Pushed"));

    // Never pushed, and a promise committed since the reset: merged back beside it.
    a.git(&["remote", "remove", "origin"]);
    a.ok(&["promise", "add", "priya", "Never pushed"]);
    a.ok(&["sync"]);
    let kept = reset_last_commit_away(a);
    // Made on an earlier day, it keeps #2, and the one merged back moves.
    a.ok(&[
        "--today",
        "2026-11-20",
        "promise",
        "add",
        "priya",
        "Since the reset",
    ]);
    let out = a.ok(&["sync"]);
    assert!(
        out.contains(&format!(
            "\nmerged: the branch here was moved by hand since the last sync (a git reset?): commit {} that sync left (1 promise added) is no longer in its history; the remote does not hold it, so this sync merges it back",
            kept.trim()
        )),
        "{out}"
    );
    // Both sides of that merge are this machine's: the other is the commit merged back.
    assert!(
        out.contains(
            "\nmerged: took 1 promise added from the commit merged back\n\
             merged: #2 in the commit merged back is now #3\n"
        ),
        "{out}"
    );
    assert!(!out.contains("other"), "{out}");
    let whats = a.whats();
    assert!(
        whats.contains("Never pushed")
            && whats.contains("Since the reset")
            && whats.contains("Pushed"),
        "{whats:?}"
    );
    assert_eq!(a.git(&["status", "--porcelain"]), "");
    assert!(!a.ok(&["sync"]).contains("moved by hand"));
}

/// A `git reset --hard` that took out the last sync's commit which encrypted or decrypted the
/// ledger: the next sync names that commit as what turned the ledger so again, never "another
/// machine", whether the remote holds it (taken back with the remote's commits) or not
/// (merged back, its key file with it, beside a change made since the reset).
#[test]
fn a_reset_of_ones_own_encryption_is_said_as_that_commit_not_another_machine() {
    let root = tempfile::tempdir().unwrap();
    let remote = bare_remote(root.path());
    let a = Machine::private(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    a.ok(&["sync", "init", "--remote", &remote.display().to_string()]);
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["unlock"]);
    a.ok(&["sync"]);
    let encrypted = reset_last_commit_away(&a);
    let out = a.ok(&["sync"]);
    assert!(
        out.starts_with(&format!(
            "merged: the branch here was moved by hand since the last sync (a git reset?): commit {encrypted} that sync left (ledger encrypted) is no longer in its history; the remote still holds it"
        )) && out.contains(&format!(
            "\nmerged: the ledger here is encrypted again, as commit {encrypted} that the reset took out left it"
        )),
        "{out}"
    );
    assert!(!out.contains("another machine"), "{out}");

    // Decrypted, never pushed, and reset away.
    a.git(&["remote", "remove", "origin"]);
    a.with_passphrase(&["decrypt", "--yes"]);
    a.ok(&["sync"]);
    let decrypted = reset_last_commit_away(&a);
    let out = a.ok(&["sync"]);
    assert!(
        out.contains(&format!(
            "commit {decrypted} that sync left (ledger decrypted) is no longer in its history; the remote does not hold it, so this sync merges it back"
        )) && out.contains(&format!(
            "\nmerged: the ledger here is plain JSON again, as commit {decrypted} that the reset took out left it\n"
        )),
        "{out}"
    );
    assert!(!out.contains("another machine"), "{out}");

    // Encrypted, never pushed, reset away, and a change made since: merged back through the
    // driver, which opens the commit's ledger with its key file, brought back by the merge.
    let a = Machine::private(root.path(), "b");
    a.ok(&["person", "add", "Priya Raman"]);
    a.ok(&["sync", "init"]);
    a.with_passphrase(&["encrypt"]);
    a.with_passphrase(&["unlock"]);
    a.ok(&["sync"]);
    let encrypted = reset_last_commit_away(&a);
    a.ok(&["person", "add", "Leo Chen"]);
    let out = a.ok(&["sync"]);
    assert!(
        out.contains(&format!(
            "commit {encrypted} that sync left (ledger encrypted) is no longer in its history; the remote does not hold it, so this sync merges it back"
        )) && out.contains(&format!(
            "\nmerged: the ledger here is encrypted again, as commit {encrypted} that the reset took out left it"
        )),
        "{out}"
    );
    assert!(!out.contains("another machine"), "{out}");
    assert!(trustladder::crypt::envelope::sealed_on_disk(&a.file));
    assert_eq!(a.git(&["status", "--porcelain"]), "");
    assert_eq!(
        a.ok(&["person", "list", "--json"])
            .matches("\"handle\"")
            .count(),
        2
    );
}

/// The first sync after an upgrade from a version that kept no record of the last sync's
/// commit: a `git pull` run by hand before it is said all the same, from git's log of the
/// remote's branch (the last version of it a sync fetched or pushed), and the sync after says
/// nothing of it again.
#[test]
fn a_pull_by_hand_before_the_first_sync_after_an_upgrade_is_said() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    // As a version before the record was kept left the git folder.
    std::fs::remove_file(b.folder().join(".git").join("trustladder-synced")).unwrap();
    a_promise_pulled_by_hand_is_said(a, b);
}

/// `sync clone` into a folder that holds a `.gitignore` of the user's own, where the remote
/// holds one too: git's refusal named no way out; the clone names the file and what to do,
/// leaves it as it was and sets nothing up, and goes through once it is moved aside.
#[test]
fn a_clone_over_a_gitignore_of_ones_own_names_it_and_what_to_do() {
    let (root, remote, _machines) = network(1);
    let url = remote.display().to_string();
    let b = Machine::new(root.path(), "b");
    std::fs::create_dir_all(b.folder()).unwrap();
    let mine = b.folder().join(".gitignore");
    std::fs::write(&mine, "*.log\n").unwrap();
    let stderr = b.fails(&["sync", "clone", &url]);
    assert!(
        stderr.contains(&format!(
            "{} already holds .gitignore, which the remote holds too",
            b.folder().display()
        )) && stderr.contains(&format!(
            "`mv {} {}`",
            quoted(&mine),
            quoted(&b.folder().join(".gitignore.mine"))
        )) && stderr.contains("nothing was changed")
            && !stderr.contains("untracked working tree"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "*.log\n");
    assert!(!b.folder().join(".git").exists() && !b.file.exists());
    std::fs::rename(&mine, b.folder().join(".gitignore.mine")).unwrap();
    b.ok(&["sync", "clone", &url]);
    assert!(b.whats().is_empty() && b.file.exists());
}

/// `sync clone` into a folder holding a file of the user's where the remote holds a folder of
/// that name, or a folder of the user's (with a file in it) where the remote holds a file:
/// git's refusal named no way out; the clone names it, what the remote holds there and the
/// `mv` that moves it aside, leaves the folder as it was and sets nothing up.
#[test]
fn a_clone_over_a_file_where_the_remote_has_a_folder_names_it_and_what_to_do() {
    let (root, remote, machines) = network(1);
    let a = &machines[0];
    std::fs::create_dir_all(a.folder().join("notes")).unwrap();
    std::fs::write(a.folder().join("notes").join("a.txt"), "theirs\n").unwrap();
    std::fs::write(a.folder().join("docs"), "theirs\n").unwrap();
    a.git(&["add", "notes", "docs"]);
    a.git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-qm",
        "files",
    ]);
    a.ok(&["sync"]);
    let url = remote.display().to_string();
    for (in_the_way, held) in [
        ("notes", "where the remote holds a folder of that name"),
        ("docs", "where the remote holds a file of that name"),
    ] {
        let b = Machine::new(root.path(), &format!("b-{in_the_way}"));
        let mine = b.folder().join(in_the_way);
        if in_the_way == "docs" {
            std::fs::create_dir_all(&mine).unwrap();
            std::fs::write(mine.join("mine.md"), "mine\n").unwrap();
        } else {
            std::fs::create_dir_all(b.folder()).unwrap();
            std::fs::write(&mine, "mine\n").unwrap();
        }
        let stderr = b.fails(&["sync", "clone", &url]);
        assert!(
            stderr.contains(&format!(
                "{} already holds {in_the_way}, {held}: git will not put the remote's in place of what it did not put there",
                b.folder().display()
            )) && stderr.contains(&format!(
                "`mv {} {}`",
                quoted(&mine),
                quoted(&b.folder().join(format!("{in_the_way}.mine")))
            )) && stderr.contains("nothing was changed")
                && !stderr.contains("untracked"),
            "{stderr}"
        );
        assert!(!b.folder().join(".git").exists() && !b.file.exists());
        if in_the_way == "docs" {
            assert_eq!(
                std::fs::read_to_string(mine.join("mine.md")).unwrap(),
                "mine\n"
            );
        } else {
            assert_eq!(std::fs::read_to_string(&mine).unwrap(), "mine\n");
        }
        std::fs::rename(&mine, b.folder().join(format!("{in_the_way}.mine"))).unwrap();
        b.ok(&["sync", "clone", &url]);
        assert!(b.file.exists());
    }
}

/// A clone made by hand that never pushed, where no sync ever fetched anything new: git's log
/// of the remote's branch records no sync's, and no record of the last sync's commit is kept
/// (a version before it, or no sync yet). A `git pull` run by hand is said all the same, from
/// the branch's own log (where it was before the pulls by hand), as a pull's: nothing says a
/// sync was there; the sync after says nothing of it again. Where the branch moved otherwise
/// after the pull (a commit by hand), nothing is known of what no sync said, and nothing is
/// said.
#[test]
fn a_pull_by_hand_on_a_clone_made_by_hand_is_said_by_its_first_sync() {
    let (root, remote, machines) = network(1);
    let a = &machines[0];
    let b = Machine::new(root.path(), "by-hand");
    let clone = || {
        let _ = std::fs::remove_dir_all(b.folder());
        let cloned = Command::new("git")
            .env("HOME", &b.home)
            .args(["clone", "--quiet", "-b", "main"])
            .arg(&remote)
            .arg(b.folder())
            .output()
            .unwrap();
        assert!(cloned.status.success(), "{cloned:?}");
    };
    clone();
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    let pulled = pull_by_hand(&b, &[], &["-q"]);
    assert!(pulled.status.success(), "{pulled:?}");
    assert_eq!(
        b.ok(&["sync"]),
        "merged: took 1 promise added, which a git pull run by hand brought from the remote\n\
         up to date with the remote\n"
    );
    assert_eq!(b.ok(&["sync"]), "up to date with the remote\n");

    // A commit by hand after the pull: where the pull began is not known, so nothing is said.
    clone();
    a.ok(&["promise", "add", "priya", "From A again"]);
    a.ok(&["sync"]);
    let pulled = pull_by_hand(&b, &[], &["-q"]);
    assert!(pulled.status.success(), "{pulled:?}");
    std::fs::write(b.folder().join("notes.txt"), "mine\n").unwrap();
    b.git(&["add", "notes.txt"]);
    b.git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-qm",
        "notes",
    ]);
    assert_eq!(b.ok(&["sync"]), "pushed\n");
}

/// A plain `git pull`, as typed, with no `pull.rebase` of the user's own: it merges with the
/// driver rather than stopping to ask how to reconcile the branches, and both sides' promises
/// are there.
#[test]
fn a_plain_git_pull_merges_with_the_driver() {
    let (_root, _a, b) = committed_on_both_sides();
    let pulled = pull_by_hand(&b, &[], &[]);
    assert!(pulled.status.success(), "{pulled:?}");
    let whats: Vec<String> = b.ledger().promises.iter().map(|p| p.what.clone()).collect();
    assert!(
        whats.contains(&"Second from A".to_string())
            && whats.contains(&"Second from B".to_string()),
        "{whats:?}"
    );
}

/// A plain `git pull` whose driver failed (as it does on a locked encrypted ledger) leaves the
/// merge unfinished with this machine's side in the file; the user goes on working, then
/// syncs. The sync merges the other side in as the driver would have, so neither machine's
/// changes are lost, on either machine.
#[test]
fn a_merge_git_left_unfinished_is_merged_before_it_is_committed() {
    let (_root, a, b) = committed_on_both_sides();
    let pulled = pull_by_hand(
        &b,
        &["-c", "merge.trustladder.driver=false"],
        &["--no-rebase"],
    );
    assert!(!pulled.status.success(), "{pulled:?}");
    assert!(
        b.folder().join(".git/MERGE_HEAD").exists(),
        "the pull stopped"
    );
    b.ok(&["promise", "add", "priya", "Third from B"]);
    let synced = b.ok(&["sync"]);
    // Finishing git's merge is said as any merge is, a number that moved above all.
    assert!(
        synced.contains("merged: took 1 promise added from the other copy\n")
            && synced.contains(" is now #"),
        "{synced}"
    );
    a.ok(&["sync"]);
    for machine in [&a, &b] {
        let listed = machine.ok(&["list"]);
        for what in ["Second from A", "Second from B", "Third from B"] {
            assert!(listed.contains(what), "{what} is lost:\n{listed}");
        }
        assert_eq!(machine.ok(&["check"]).matches("state: ok").count(), 1);
    }
    assert!(
        !b.folder().join(".git/MERGE_HEAD").exists(),
        "the merge is concluded"
    );
}

/// A plain `git pull` on a clone without the merge driver (made by hand, say) writes git's
/// conflict markers into the data file, which every command then refuses, naming `sync`:
/// the sync merges this side as git holds it with the other, by record, so nothing is lost.
#[test]
fn a_plain_pull_that_left_conflict_markers_is_merged_by_the_next_sync() {
    let (_root, a, b) = committed_on_both_sides();
    b.git(&["config", "--remove-section", "merge.trustladder"]);
    let pulled = pull_by_hand(&b, &[], &["--no-rebase"]);
    assert!(!pulled.status.success(), "{pulled:?}");
    let marked = std::fs::read_to_string(&b.file).unwrap();
    assert!(marked.contains("\n<<<<<<< "), "{pulled:?}");
    assert_eq!(b.run(&["list"]).status.code(), Some(1));
    let synced = b.ok(&["sync"]);
    assert!(
        synced.contains("merged: took 1 promise added from the other copy\n")
            && synced.contains(" is now #"),
        "{synced}"
    );
    a.ok(&["sync"]);
    for machine in [&a, &b] {
        let listed = machine.ok(&["list"]);
        for what in ["Second from A", "Second from B"] {
            assert!(listed.contains(what), "{what} is lost:\n{listed}");
        }
    }
    assert_eq!(
        std::fs::read(&a.file).unwrap(),
        std::fs::read(&b.file).unwrap()
    );
}

/// `sync clone` into a folder inside a repository of the user's own: a branch with commits
/// the remote lacks is never reset, and a remote `origin` elsewhere is never ignored; each is
/// refused, naming it, and the repository is left as it was.
#[test]
fn clone_into_a_repository_of_ones_own_never_resets_it() {
    need_git();
    let root = tempfile::tempdir().unwrap();
    let url = bare_remote(root.path()).display().to_string();
    let a = Machine::new(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    a.ok(&["sync", "init", "--remote", &url]);

    let home = root.path().join("home-dots");
    let dots = home.join("dots");
    std::fs::create_dir_all(dots.join("ledger")).unwrap();
    let b = Machine::at(home.clone(), dots.join("ledger").join("trustladder.json"));
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .env("HOME", &home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-C"])
            .arg(&dots)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    git(&["init", "--quiet", "--initial-branch=main"]);
    std::fs::write(dots.join("vimrc"), "set nu\n").unwrap();
    git(&["add", "vimrc"]);
    git(&["commit", "--quiet", "-m", "my own work"]);
    let mine = git(&["rev-parse", "main"]);

    let stderr = b.fails(&["sync", "clone", &url]);
    assert!(
        stderr.contains("branch main here has commits the remote lacks"),
        "{stderr}"
    );
    assert_eq!(git(&["rev-parse", "main"]), mine);
    assert_eq!(git(&["remote"]), "", "the remote it added is gone again");

    git(&["remote", "add", "origin", "/elsewhere/dots.git"]);
    let stderr = b.fails(&["sync", "clone", &url]);
    assert!(
        stderr.contains("already has a remote `origin` at /elsewhere/dots.git"),
        "{stderr}"
    );
    assert_eq!(git(&["rev-parse", "main"]), mine);
    assert!(!b.file.exists());
}

/// A person renamed on one machine to the name of one added on the other is not joined (one
/// was not added on both sides), and the command line would have refused the name: the sync
/// that brings the two together says so, with their handles and how to tell them apart.
#[test]
fn a_sync_that_brings_two_people_of_one_name_says_so() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["person", "add", "Eve Adams"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["person", "edit", "eve", "--name", "Mia Park"]);
    a.ok(&["sync"]);
    b.ok(&["person", "add", "Mia Park", "--role", "QA"]);
    let merged = b.ok(&["sync"]);
    assert!(
        merged.contains("merged: 2 people are now named \"Mia Park\" (eve-adams, mia-park): `trustladder person edit HANDLE --name NAME` tells them apart\n"),
        "{merged}"
    );
    let taken = a.ok(&["sync"]);
    assert!(
        taken.contains("2 people are now named \"Mia Park\""),
        "{taken}"
    );
    let again = a.ok(&["sync"]);
    assert!(!again.contains("now named"), "{again}");
}

/// A remote whose history was replaced by one with nothing in common (a force push of another
/// ledger) is never joined unasked: the sync fails saying so and how to join them, takes none
/// of the stranger's records and pushes nothing; the git command it names joins them.
#[test]
fn a_remote_replaced_by_an_unrelated_history_is_not_joined_unasked() {
    let (root, remote, machines) = network(1);
    let a = &machines[0];
    a.ok(&["promise", "add", "priya", "Send the plan"]);
    a.ok(&["sync"]);

    // A stranger's ledger, force-pushed over the remote's branch.
    let stranger = Machine::new(root.path(), "stranger");
    let elsewhere = root.path().join("elsewhere.git");
    let out = std::process::Command::new("git")
        .args(["init", "--bare", "--quiet", "--initial-branch=main"])
        .arg(&elsewhere)
        .output()
        .unwrap();
    assert!(out.status.success());
    stranger.ok(&["person", "add", "Zed Intruder"]);
    stranger.ok(&["sync", "init", "--remote", &elsewhere.display().to_string()]);
    let url = remote.display().to_string();
    stranger.git(&["push", "--quiet", "--force", &url, "main:main"]);
    let theirs = stranger.git(&["rev-parse", "main"]);

    a.ok(&["promise", "add", "priya", "Book the room"]);
    let before = std::fs::read(&a.file).unwrap();
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains("the remote's main shares no commit with this ledger's history any more"),
        "{stderr}"
    );
    let join = format!(
        "git -C '{}' merge --allow-unrelated-histories origin/main",
        a.folder().display()
    );
    assert!(stderr.contains(&join), "{stderr}");
    assert_eq!(std::fs::read(&a.file).unwrap(), before, "nothing came in");
    let remote_head = std::process::Command::new("git")
        .arg("-C")
        .arg(&remote)
        .args(["rev-parse", "main"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&remote_head.stdout),
        theirs,
        "nothing went out"
    );

    // Asked for, the two are joined, and the sync goes through.
    let joined = Command::new("git")
        .env("HOME", root.path().join("home-m0"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .arg("-C")
        .arg(a.folder())
        .args(["-c", "user.name=A", "-c", "user.email=a@example.com"])
        .args([
            "merge",
            "--no-edit",
            "--allow-unrelated-histories",
            "origin/main",
        ])
        .output()
        .unwrap();
    assert!(joined.status.success(), "{joined:?}");
    a.ok(&["sync"]);
    let names: Vec<String> = a.ledger().people.iter().map(|p| p.name.clone()).collect();
    assert!(names.contains(&"Zed Intruder".to_string()), "{names:?}");
    assert_eq!(a.ledger().promises.len(), 2);
}

/// A git stopped before it finished (a sync killed) leaves its lock file: the next sync fails
/// naming the file and what to do, changing nothing, and once it is removed the sync goes
/// through with everything.
#[test]
fn a_lock_file_a_stopped_git_left_is_named_with_what_to_do() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "Send the plan"]);
    let lock = a.folder().join(".git").join("index.lock");
    std::fs::write(&lock, "").unwrap();
    let before = std::fs::read(&a.file).unwrap();
    let stderr = a.fails(&["sync"]);
    let named = format!("git's lock file {} is in the way", lock.display());
    assert!(stderr.contains(&named), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "remove it (rm '{}') and sync again",
            lock.display()
        )),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&a.file).unwrap(), before);
    std::fs::remove_file(&lock).unwrap();
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let whats: Vec<String> = b.ledger().promises.iter().map(|p| p.what.clone()).collect();
    assert_eq!(whats, ["Send the plan"]);
}

/// The machine whose own change lost in another machine's merge is told so when its sync
/// takes that merge (a fast-forward, no merge run here), as the merging machine was: the value
/// dropped, the one taken, and a record it deleted that the other kept as it was edited there.
/// Three machines change one field; a later merge settles it back to the first machine's
/// value. That machine's next sync says nothing of its value lost in the earlier merge (it
/// said it lost to "Budget Q1 final", which the ledger no longer holds).
#[test]
fn a_value_a_later_merge_settled_back_is_not_said_lost() {
    let (_root, _remote, machines) = network(3);
    let (a, b, c) = (&machines[0], &machines[1], &machines[2]);
    a.ok(&["promise", "add", "priya", "Budget"]);
    for m in [a, b, c] {
        m.ok(&["sync"]);
    }
    let pause = || std::thread::sleep(std::time::Duration::from_millis(1100));
    a.ok(&["edit", "1", "--what", "Budget Q1"]);
    pause();
    b.ok(&["edit", "1", "--what", "Budget Q1 final"]);
    pause();
    c.ok(&["edit", "1", "--what", "Budget Q1"]);
    a.ok(&["sync"]);
    let merged = b.ok(&["sync"]);
    assert!(merged.contains("took \"Budget Q1 final\""), "{merged}");
    c.ok(&["sync"]);
    let taken = a.ok(&["sync"]);
    assert!(!taken.contains("changed on both sides"), "{taken}");
    assert!(a.ok(&["list"]).contains("Budget Q1\n"));
}

#[test]
fn a_fast_forward_says_which_changes_made_here_lost() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "Send the plan"]);
    a.ok(&["promise", "add", "priya", "Book the room"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["keep", "1", "--late", "--on", "2026-11-24"]);
    a.ok(&["rm", "2"]);
    a.ok(&["sync"]);
    // A second later, so B's changes are the later ones and win.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    b.ok(&["break", "1", "--on", "2026-11-24"]);
    b.ok(&["edit", "2", "--what", "Book the big room"]);
    let merged = b.ok(&["sync"]);
    let dropped = "outcome of #1 changed on both sides: took \"broken on 2026-11-24\" (the side whose record changed later, in this field or another) over \"kept late on 2026-11-24\"";
    assert!(merged.contains(dropped), "{merged}");
    let taken = a.ok(&["sync"]);
    assert!(taken.contains(&format!("merged: {dropped}\n")), "{taken}");
    assert!(
        taken.contains("merged: kept #2: edited on one side, deleted on the other\n"),
        "{taken}"
    );
    // Taken once: the next sync has nothing of its own to report.
    let again = a.ok(&["sync"]);
    assert!(!again.contains("changed on both sides"), "{again}");

    // The same when this machine changed something else meanwhile, so its sync merges: the
    // value it lost in the other machine's merge is said all the same, once.
    a.ok(&["promise", "add", "priya", "Send the plan again"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["edit", "3", "--what", "Send the whole plan"]);
    a.ok(&["sync"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    b.ok(&["edit", "3", "--what", "Send the short plan"]);
    let merged = b.ok(&["sync"]);
    let dropped = "what of #3 changed on both sides: took \"Send the short plan\" (the side whose record changed later, in this field or another) over \"Send the whole plan\"";
    assert!(merged.contains(dropped), "{merged}");
    a.ok(&["promise", "add", "priya", "Something new here"]);
    let taken = a.ok(&["sync"]);
    assert_eq!(taken.matches(dropped).count(), 1, "{taken}");
}

/// A promise the other machine's merge moved (#1 here, #2 there) and this machine then
/// edited, while that machine deleted it: the merge here keeps it, under a number that names
/// no other promise (#2 was handed out there and deleted), and says so by that number; the
/// machine whose delete gave way hears it, by the same number, when it takes that merge.
#[test]
fn a_record_kept_over_a_delete_is_named_by_its_new_number_on_both_machines() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    // Made a day earlier, B's keeps #1 in B's merge, and A's moves to #2 there.
    b.ok(&["promise", "add", "priya", "From B", "--today", "2026-11-23"]);
    let said = b.ok(&["sync"]);
    assert!(
        said.contains("#1 from the other machine is now #2"),
        "{said}"
    );
    b.ok(&["rm", "2"]);
    b.ok(&["sync"]);
    a.ok(&["edit", "1", "--what", "From A, reworded"]);
    let merged = a.ok(&["sync"]);
    let kept = "merged: kept #3: edited on one side, deleted on the other\n";
    assert!(merged.contains(kept), "{merged}");
    assert!(merged.contains("merged: #1 here is now #3\n"), "{merged}");
    let on = |m: &Machine, n: u64| {
        m.ledger()
            .promises
            .into_iter()
            .find(|p| p.id.0 == n)
            .map(|p| p.what)
    };
    assert_eq!(on(a, 3).as_deref(), Some("From A, reworded"));
    assert_eq!(on(a, 1).as_deref(), Some("From B"));
    let taken = b.ok(&["sync"]);
    assert!(taken.contains(kept), "{taken}");
    assert_eq!(on(b, 3).as_deref(), Some("From A, reworded"));
}

/// The machine whose sync only takes another's merge (a fast-forward, no merge run here) is
/// told which of its own numbers moved in it, as the merging machine is told of its own.
#[test]
fn a_fast_forward_says_which_numbers_here_moved() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["log", "priya", "From A"]);
    // Made earlier, so B's keeps #1 in the merge and A's moves.
    b.ok(&["log", "priya", "From B", "--on", "2026-11-20"]);
    a.ok(&["sync"]);
    let merged = b.ok(&["sync"]);
    assert!(
        merged.contains("merged: #1 from the other machine is now #2\n"),
        "{merged}"
    );
    let taken = a.ok(&["sync"]);
    assert!(taken.contains("merged: #1 here is now #2\n"), "{taken}");
    let whats: Vec<(u64, String)> = a
        .ledger()
        .promises
        .iter()
        .map(|p| (p.id.0, p.what.clone()))
        .collect();
    assert_eq!(
        whats,
        [(1, "From B".to_string()), (2, "From A".to_string())]
    );
}

/// A clone from a wrong URL fails as an unreachable remote does (exit 3) and leaves the folder
/// as it found it, so the next try with the right URL works; an empty remote is named so.
#[test]
fn a_failed_clone_leaves_nothing_behind_and_the_right_url_then_works() {
    let (root, remote, machines) = network(1);
    let b = Machine::new(root.path(), "b");
    let wrong = root.path().join("nonexistent.git").display().to_string();
    let out = b.run(&["sync", "clone", &wrong]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "trustladder: the remote {wrong} could not be reached ("
        )),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was set up here"), "{stderr}");
    assert!(!b.folder().join(".git").exists(), "no half-made repository");
    // Into a folder that was not there: not there after either.
    let fresh = root.path().join("fresh");
    let mut c = Machine::new(root.path(), "c");
    c.file = fresh.join("trustladder.json");
    let out = c.run(&["sync", "clone", &wrong]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(!fresh.exists(), "the folder the clone made is gone");
    // A URL that names no remote, or that git would read as an option, is refused as it is
    // typed (exit 2): git took an empty one, and every sync after failed to reach it.
    for args in [
        vec!["sync", "clone", ""],
        vec!["sync", "clone", "--", "--upload-pack=touch"],
        vec!["sync", "init", "--remote", " "],
    ] {
        let out = c.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("an empty URL names no remote")
                || stderr.contains("a URL does not begin with '-'"),
            "{stderr}"
        );
        assert!(!fresh.exists(), "{args:?}");
    }

    let empty = bare_remote(&root.path().join("empty"));
    let empty = empty.display().to_string();
    let out = b.run(&["sync", "clone", &empty]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("the remote {empty} holds no commits yet")),
        "{stderr}"
    );
    assert!(!b.folder().join(".git").exists());

    // A repository of something else: refused before anything of it is checked out.
    let other = bare_remote(&root.path().join("other"));
    let work = root.path().join("other-work");
    std::fs::create_dir_all(&work).unwrap();
    git_in(
        &b.home,
        &work,
        &["init", "--quiet", "--initial-branch=main"],
    );
    std::fs::write(work.join("README"), "not a ledger\n").unwrap();
    git_in(&b.home, &work, &["add", "README"]);
    git_in(&b.home, &work, &["commit", "--quiet", "-m", "readme"]);
    git_in(
        &b.home,
        &work,
        &["push", "--quiet", &other.display().to_string(), "main"],
    );
    let out = b.run(&["sync", "clone", &other.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the remote holds no trustladder.json"),
        "{stderr}"
    );
    assert!(!b.folder().join(".git").exists());
    assert!(!b.folder().join("README").exists(), "nothing checked out");

    b.ok(&["sync", "clone", &remote.display().to_string()]);
    assert_eq!(b.ledger(), machines[0].ledger());
}

/// A URL with a space before or after it (a quote that took one in) is a usage mistake, refused
/// as it is typed (exit 2) naming the space: taken, git kept the space as part of the address,
/// and the sync said the remote could not be reached (exit 3), with the remote set to it.
#[test]
fn a_url_with_a_space_before_or_after_it_is_refused_as_typed_naming_the_space() {
    let (root, remote, machines) = network(1);
    let a = &machines[0];
    let url = remote.display().to_string();
    let b = Machine::new(root.path(), "b");
    for (args, said) in [
        (
            vec!["sync", "init", "--remote", &format!(" {url}")],
            "the URL begins with a space",
        ),
        (
            vec!["sync", "init", "--remote", &format!("{url} ")],
            "the URL ends with a space",
        ),
        (
            vec!["sync", "init", "--remote", &format!("{url}\n")],
            "the URL ends with a line break",
        ),
        (
            vec!["sync", "clone", &format!("\t{url}")],
            "the URL begins with a tab",
        ),
    ] {
        for m in [a, &b] {
            let out = m.run(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains(said), "{args:?}: {stderr}");
        }
    }
    assert_eq!(a.git(&["remote", "get-url", "origin"]).trim(), url);
    assert!(!b.folder().exists(), "nothing set up");
}

/// A remote path beginning with a `~` the shell did not expand (in quotes, or after
/// `--remote=`) is refused as it is typed (exit 2), naming the `~` and the whole path: taken,
/// it named a folder called `~` where the command ran, the remote was moved there, and every
/// sync said it could not be reached. A `~` folder that is there is a path like any other.
#[test]
fn a_remote_path_with_a_tilde_the_shell_left_is_refused_as_typed() {
    let (root, remote, machines) = network(1);
    let a = &machines[0];
    let b = Machine::new(root.path(), "b");
    for (m, args) in [
        (a, vec!["sync", "init", "--remote", "~/remote.git"]),
        (a, vec!["sync", "init", "--remote=~/remote.git"]),
        (&b, vec!["sync", "clone", "~/remote.git"]),
    ] {
        let out = m.command(&args).current_dir(root.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("the URL begins with a ~ the shell did not expand")
                && stderr.contains("or whole ($HOME/remote.git)"),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(
        a.git(&["remote", "get-url", "origin"]).trim(),
        remote.display().to_string()
    );
    assert!(!b.folder().exists(), "nothing set up");
    assert!(!root.path().join("~").exists());
}

/// `sync init --remote` with another URL moves the remote, says so, and pushes everything to
/// the new one, even though the old one had it all.
#[test]
fn sync_init_with_a_new_remote_says_so_and_pushes_there() {
    let (root, _remote, machines) = network(1);
    let a = &machines[0];
    let other = bare_remote(&root.path().join("other"));
    let out = a.ok(&["sync", "init", "--remote", &other.display().to_string()]);
    assert!(
        out.starts_with(&format!(
            "remote: now {} (was {})\n",
            other.display(),
            root.path().join("remote.git").display()
        )),
        "{out}"
    );
    assert!(out.ends_with("pushed\n"), "{out}");
    let c = Machine::new(root.path(), "c");
    c.ok(&["sync", "clone", &other.display().to_string()]);
    assert_eq!(c.ledger(), a.ledger());
}

/// A's number moved in B's merge of A's earlier push: when A next syncs with a change of its
/// own (a merge, not a fast-forward), it says so, beside any number its own merge moves, each
/// by the number A's user knew, and says no move that did not happen.
#[test]
fn a_number_moved_in_the_other_machine_s_merge_is_told_in_this_one_s() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "P1 from A"]);
    a.ok(&["sync"]);
    // B's promise, made a day earlier, keeps #1 in B's merge; A's P1 becomes #2 there.
    b.ok(&[
        "promise",
        "add",
        "priya",
        "Q from B",
        "--today",
        "2026-11-23",
    ]);
    let said = b.ok(&["sync"]);
    assert!(
        said.contains("merged: #1 from the other machine is now #2"),
        "{said}"
    );
    a.ok(&["promise", "add", "priya", "P2 from A"]);
    let numbers = |m: &Machine| -> HashMap<Uid, u64> {
        m.ledger()
            .promises
            .iter()
            .map(|p| (p.uid, p.id.0))
            .collect()
    };
    let before = numbers(a);
    let said = a.ok(&["sync"]);
    let after = numbers(a);
    // P1 and P2, made the same day, both want #2: whichever keeps it, P1 has moved from #1.
    let mut expected: Vec<String> = before
        .iter()
        .filter(|(uid, old)| after[uid] != **old)
        .map(|(uid, old)| format!("merged: #{old} here is now #{}", after[uid]))
        .collect();
    expected.sort();
    let mut told: Vec<String> = said
        .lines()
        .filter(|l| l.contains(" here is now "))
        .map(str::to_string)
        .collect();
    told.sort();
    assert_eq!(told, expected, "{said}");
    assert!(
        told.iter().any(|l| l.starts_with("merged: #1 here is now")),
        "{said}"
    );
    let whats: Vec<String> = a.ledger().promises.iter().map(|p| p.what.clone()).collect();
    assert_eq!(whats[0], "Q from B");
}

/// A remote that declines the push (a hook): git's reason, exit 1, and what was committed
/// and merged here said all the same, the number that moved included, and in the data file
/// (FORMAT.md's exit codes name it among the exits that leave the file changed); once the
/// remote takes it, the next sync pushes.
#[test]
fn a_push_the_remote_declines_says_why_and_what_was_merged() {
    const FORMAT: &str = include_str!("../docs/FORMAT.md");
    assert!(
        FORMAT.contains(
            "`sync` whose push failed after it merged the other machines' changes (the remote declined it,\nexit 1, or could no longer be reached, exit 3): the data file holds the merge"
        ),
        "FORMAT.md says a sync whose push failed leaves the merge in the data file"
    );
    let (_root, remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "A's promise"]);
    b.ok(&[
        "promise",
        "add",
        "priya",
        "B's promise",
        "--today",
        "2026-11-23",
    ]);
    b.ok(&["sync"]);
    let hook = remote.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'denied by policy' >&2\nexit 1\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.starts_with("trustladder: committed: 1 promise added; merged: ")
            && stderr.contains("merged: #1 here is now #2; ")
            && stderr.contains("the push was refused: remote: denied by policy")
            && stderr.contains("pre-receive hook declined"),
        "{stderr}"
    );
    assert_eq!(
        a.whats(),
        HashSet::from(["A's promise".to_string(), "B's promise".to_string()]),
        "the merge is in the data file after the exit 1"
    );
    std::fs::remove_file(&hook).unwrap();
    let said = a.ok(&["sync"]);
    assert!(said.ends_with("pushed\n"), "{said}");
}

/// A remote that is a repository with files of its own (`git init`, not `git init --bare`),
/// its branch checked out there: git refuses every push to that branch, and the sync said "the
/// remote kept moving on; tried 5 times", which it never did; it says the remote declined, why,
/// and the bare repository to sync through instead, and moved there, the sync goes through.
#[test]
fn a_remote_with_its_branch_checked_out_is_said_to_decline_with_what_to_do() {
    let root = tempfile::tempdir().unwrap();
    let remote = root.path().join("with-files");
    let made = Command::new("git")
        .args(["init", "--quiet", "--initial-branch=main"])
        .arg(&remote)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let a = Machine::new(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    let stderr = a.fails(&["sync", "init", "--remote", &remote.display().to_string()]);
    assert!(
        stderr.contains(
            "the push was refused: the remote is a repository with files of its own, where branch main is checked out, and git pushes into no branch checked out there (its files would no longer match it); sync through a bare repository instead: make one with `git init --bare PATH`, then move there with `trustladder sync init --remote PATH`"
        ) && !stderr.contains("kept moving on"),
        "{stderr}"
    );
    let bare = bare_remote(root.path());
    let said = a.ok(&["sync", "init", "--remote", &bare.display().to_string()]);
    assert!(said.ends_with("pushed\n"), "{said}");
}

/// `sync init --remote` naming the ledger's own repository (its folder, its git folder, `.`
/// as git reads it from there, a `file://` URL of it): every sync fetched from and pushed to
/// itself, said "up to date with the remote" and shared nothing. It is refused, exit 1, and
/// the remote is as it was; a folder not set up yet is left without a repository.
#[test]
fn a_remote_naming_the_ledgers_own_repository_is_refused() {
    let (root, remote, machines) = network(1);
    let a = &machines[0];
    let folder = a.folder().display().to_string();
    let refused = |m: &Machine, from: &Path, url: &str| {
        let out = m
            .command(&["sync", "init", "--remote", url])
            .current_dir(from)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{url}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            stderr.contains("is this ledger's own repository, which a sync would push to itself")
                && stderr.contains("nothing was changed"),
            "{url}: {stderr}"
        );
    };
    for url in [
        folder.clone(),
        format!("{folder}/.git"),
        format!("file://{folder}/"),
    ] {
        refused(a, root.path(), &url);
    }
    // `.` where the command runs: the data folder.
    refused(a, &a.folder(), ".");
    assert_eq!(
        a.git(&["config", "--get", "remote.origin.url"]).trim(),
        remote.display().to_string()
    );
    let b = Machine::new(root.path(), "b");
    b.ok(&["person", "add", "Leo Chen"]);
    refused(&b, root.path(), &b.folder().display().to_string());
    assert!(!b.folder().join(".git").exists());
    // A data folder inside a repository of the user's own, named from its top folder.
    let top = root.path().join("dotfiles");
    let c = Machine::at(b.home.clone(), top.join("ledger").join("trustladder.json"));
    c.ok(&["person", "add", "Mia Ross"]);
    let made = Command::new("git")
        .args(["init", "--quiet", "--initial-branch=main"])
        .arg(&top)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    for url in [".", "./", "ledger/.."] {
        refused(&c, &top, url);
    }
    assert_eq!(c.git(&["remote"]), "");
}

/// A remote `origin` set by hand to the ledger's own repository (`git remote set-url origin`
/// naming its folder, its git folder, `.`, or a path relative to its top folder, as git reads
/// it): each sync fetched from and pushed to itself and said "pushed", while the other
/// machines took nothing. `sync` refuses it, exit 1, naming `sync init --remote URL` (or,
/// where only the push URL names it, the setting to take out), with nothing committed, and
/// `sync init --remote` with the shared remote puts it right.
#[test]
fn a_remote_set_by_hand_to_the_ledgers_own_repository_is_refused_by_sync() {
    let (_root, remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    let folder = a.folder().display().to_string();
    let url = remote.display().to_string();
    a.ok(&[
        "promise",
        "add",
        "priya",
        "Made before the remote was moved",
    ]);
    let head = a.git(&["rev-parse", "HEAD"]);
    let refs = refs_of(&remote);
    for own in [
        folder.clone(),
        format!("{folder}/.git"),
        ".".to_string(),
        "../ledger".to_string(),
        format!("file://{folder}"),
    ] {
        a.git(&["remote", "set-url", "origin", &own]);
        let stderr = a.fails(&["sync"]);
        assert_eq!(
            stderr,
            format!(
                "trustladder: the remote origin of {folder} is {own}, this ledger's own repository, so a sync would fetch from and push to itself, and no other machine would take anything: set the remote the other machines share with `trustladder sync init --remote URL` (a bare repository elsewhere, made with `git init --bare PATH`), then sync again; nothing was changed\n"
            )
        );
        assert_eq!(
            a.git(&["rev-parse", "HEAD"]),
            head,
            "{own}: nothing committed"
        );
    }
    // The push URL alone, which `sync init --remote` leaves as it is.
    a.git(&["remote", "set-url", "origin", &url]);
    a.git(&["remote", "set-url", "--push", "origin", &folder]);
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains(&format!(
            "the remote origin of {folder} pushes to {folder}, this ledger's own repository, so a sync would push to itself"
        )) && stderr.contains(&format!(
            "`git -C '{folder}' config --unset-all remote.origin.pushurl` pushes where the sync fetches from"
        )),
        "{stderr}"
    );
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head);
    assert_eq!(refs_of(&remote), refs);
    a.git(&["config", "--unset-all", "remote.origin.pushurl"]);
    a.git(&["remote", "set-url", "origin", &folder]);
    let moved = a.ok(&["sync", "init", "--remote", &url]);
    assert!(
        moved.starts_with(&format!("remote: now {url} (was {folder})\n"))
            && moved.ends_with("pushed\n"),
        "{moved}"
    );
    assert!(b.ok(&["sync"]).starts_with("merged: took 1 promise added"));
}

/// A remote typed as a relative path names a folder from where the command runs, as any path
/// typed does: git read it from the data folder, where it named none, and the remote "could
/// not be reached". `sync init --remote` and `sync clone` make it whole.
#[test]
fn a_relative_remote_path_names_a_folder_from_where_the_command_runs() {
    let root = tempfile::tempdir().unwrap();
    let remote = bare_remote(root.path());
    let a = Machine::new(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    let out = a
        .command(&["sync", "init", "--remote", "remote.git"])
        .current_dir(root.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).ends_with("pushed\n"),
        "{out:?}"
    );
    let whole = remote.canonicalize().unwrap().display().to_string();
    assert_eq!(
        a.git(&["config", "--get", "remote.origin.url"]).trim(),
        whole
    );
    let b = Machine::new(root.path(), "b");
    let out = b
        .command(&["sync", "clone", "./remote.git"])
        .current_dir(root.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("set up {} from {whole}\n", b.file.display())
    );
    assert_eq!(b.ledger().people.len(), 1);
}

/// Adds `line` to the `.gitattributes` of `m`'s repository.
fn add_attribute(m: &Machine, line: &str) {
    let path = m.folder().join(".gitattributes");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(line);
    std::fs::write(&path, text).unwrap();
}

/// Two machines whose `.gitattributes` changed on both, the second's sync refused at the
/// conflict: the machines, and what that sync said on stderr.
fn attributes_changed_on_both() -> (tempfile::TempDir, Machine, Machine, String) {
    let (root, a, b) = committed_on_both_sides();
    add_attribute(&a, "*.md text\n");
    a.ok(&["sync"]);
    add_attribute(&b, "*.txt text\n");
    let out = b.run(&["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    (root, a, b, stderr)
}

/// A merge git stops at a file it cannot merge (here `.gitattributes`, changed on both
/// machines): the message names the file and git's conflict, not git's first line
/// ("Auto-merging …"), and the folder is left as it was.
#[test]
fn a_merge_git_cannot_finish_names_the_conflicting_file() {
    let (_root, _a, b, stderr) = attributes_changed_on_both();
    assert!(
        stderr.contains("git could not merge .gitattributes (CONFLICT (content): Merge conflict in .gitattributes)"),
        "{stderr}"
    );
    assert!(!stderr.contains("Auto-merging"), "{stderr}");
    assert!(
        !b.folder().join(".git/MERGE_HEAD").exists(),
        "the merge is undone"
    );
    assert!(b.ok(&["list"]).contains("Second from B"));
}

/// A commit on the remote that deletes the ledger file (by hand: `git rm`, pushed) is never
/// taken: taking it deleted the ledger on every machine that synced, with exit 0. The sync is
/// refused, naming the commit and how to undo it; the ledger here is as it was, and once the
/// deletion is reverted on the remote, both machines' changes are there.
#[test]
fn a_remote_commit_that_deletes_the_ledger_is_refused() {
    let (root, remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    a.git(&["rm", "-q", "trustladder.json"]);
    a.git(&[&IDENTITY[..], &["commit", "-q", "-m", "oops"]].concat());
    a.git(&["push", "-q"]);
    let deleted = a.git(&["rev-parse", "--short", "HEAD"]);
    // The remote as a folder relative to the repository: the undo names it whole.
    b.git(&["remote", "set-url", "origin", "../../remote.git"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    let before = std::fs::read(&b.file).unwrap();
    let stderr = b.fails(&["sync"]);
    assert!(
        stderr.contains(&format!(
            "the remote no longer holds trustladder.json: commit {} deleted it there",
            deleted.trim()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "`git clone '{}/../../remote.git' undo && git -C undo revert --no-edit {} && git -C undo push`",
            b.folder().display(),
            deleted.trim()
        )),
        "{stderr}"
    );
    // And that what changed here was committed, waiting.
    assert!(
        stderr.contains("(what changed here is committed: 1 promise added, to be pushed once the remote holds the ledger again)"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&b.file).unwrap(), before, "{stderr}");
    assert!(b.git(&["ls-files"]).contains("trustladder.json"));
    // The way out the message gives, taken in a clone of the remote.
    let undo = root.path().join("undo");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .env("HOME", &a.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(IDENTITY)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    git(&[
        "clone",
        "-q",
        &remote.display().to_string(),
        &undo.display().to_string(),
    ]);
    git(&[
        "-C",
        &undo.display().to_string(),
        "revert",
        "--no-edit",
        deleted.trim(),
    ]);
    git(&["-C", &undo.display().to_string(), "push", "-q"]);
    b.ok(&["sync"]);
    let mut whats: Vec<String> = b.ledger().promises.iter().map(|p| p.what.clone()).collect();
    whats.sort();
    assert_eq!(whats, ["From A", "From B"]);
}

/// Files git left unmerged by a merge of the user's own (`git merge` run by hand after a sync
/// named a conflict in `.gitattributes`) are refused: a sync committed and pushed them with
/// their conflict markers. Nothing is committed.
#[test]
fn files_left_unmerged_are_refused_not_committed_with_their_markers() {
    let (_root, a, b, stderr) = attributes_changed_on_both();
    // The refusal says how to merge by hand, and that what changed here is committed.
    assert!(
        stderr.contains("so the merge was undone; to merge by hand, run `git -C")
            && stderr.contains("merge origin/main`, settle .gitattributes (keeping the lines of both sides) and `git commit`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("what changed here is committed (.gitattributes changed)"),
        "{stderr}"
    );
    b.git(&[&IDENTITY[..], &["merge", "-q", "origin/main"]].concat());
    let head = b.git(&["rev-parse", "HEAD"]);
    let stderr = b.fails(&["sync"]);
    assert!(
        stderr.contains("git left .gitattributes unmerged in")
            && stderr.contains("undo the merge with `git merge --abort`"),
        "{stderr}"
    );
    assert_eq!(b.git(&["rev-parse", "HEAD"]), head, "nothing committed");
    a.ok(&["sync"]);
    let theirs = std::fs::read_to_string(a.folder().join(".gitattributes")).unwrap();
    assert!(!theirs.contains("<<<<<<<"), "{theirs}");
    // Left unmerged by a `git stash pop`, with no merge under way: no `git merge --abort`.
    b.git(&["merge", "--abort"]);
    add_attribute(&b, "*.rst text\n");
    b.git(&["stash", "-q"]);
    add_attribute(&b, "*.adoc text\n");
    b.git(&[&IDENTITY[..], &["commit", "-q", "-am", "adoc"]].concat());
    b.git(&["stash", "pop", "-q"]);
    let stderr = b.fails(&["sync"]);
    assert!(
        stderr
            .contains("with conflict markers: settle them (edit, then `git add`), then sync again"),
        "{stderr}"
    );
}

/// A line of the user's that gives the ledger another merge than trustladder's (`*.json
/// merge=union` after the line `sync init` wrote, or one in `.git/info/attributes`) is
/// refused before anything is committed or merged, naming the line where it is: git's union
/// of two ledgers was committed and pushed, and did not read.
#[test]
fn an_attribute_that_gives_the_ledger_another_merge_is_refused_naming_its_line() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    add_attribute(a, "*.json merge=union\n");
    a.git(&[&IDENTITY[..], &["commit", "-q", "-am", "my attributes"]].concat());
    a.ok(&["promise", "add", "priya", "From A"]);
    let head = a.git(&["rev-parse", "HEAD"]);
    let before = std::fs::read(&a.file).unwrap();
    let stderr = a.fails(&["sync"]);
    let attributes = a.folder().join(".gitattributes");
    assert_eq!(
        stderr,
        format!(
            "trustladder: git would merge trustladder.json with the `union` merge driver, not trustladder's merge by record, because of `*.json merge=union` in {} (line 4): merged so, two machines' changes make a ledger that does not read, or lose one side's, and the sync would push that to every machine. Take that line out (and commit it, where it is in a `.gitattributes`), or keep the ledger out of its pattern, then sync again; nothing was merged or pushed\n",
            attributes.display()
        )
    );
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head, "nothing committed");
    assert_eq!(std::fs::read(&a.file).unwrap(), before);
    let info = b.folder().join(".git/info/attributes");
    // A line that gives trustladder's own merge, other attributes beside it, is no fault.
    std::fs::write(
        &info,
        "*.json merge=trustladder -text\ntrustladder.json binary\n",
    )
    .unwrap();
    let stderr = b.fails(&["sync"]);
    assert!(
        stderr.contains(&format!(
            "with no merge (git takes it as a binary file), not trustladder's merge by record, because of `trustladder.json binary` in {} (line 2):",
            info.display()
        )),
        "{stderr}"
    );
}

/// A detached HEAD is refused before anything is committed: the commit would belong to no
/// branch, and the next `git checkout main` left the promise behind.
#[test]
fn a_detached_head_is_refused_before_anything_is_committed() {
    let (_root, _remote, machines) = network(1);
    let a = &machines[0];
    a.ok(&["promise", "add", "priya", "First"]);
    a.ok(&["sync"]);
    a.git(&["checkout", "-q", "--detach"]);
    a.ok(&["promise", "add", "priya", "Second"]);
    let head = a.git(&["rev-parse", "HEAD"]);
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains("is detached (it names a commit, not a branch)")
            && stderr.contains("checkout main`) and sync again; nothing was changed"),
        "{stderr}"
    );
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head);
    // `sync init --remote` refuses it too, before it moves the remote.
    let url = a.git(&["remote", "get-url", "origin"]);
    let out = a.run(&["sync", "init", "--remote", "/elsewhere.git"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(a.git(&["remote", "get-url", "origin"]), url);
    a.git(&["checkout", "-q", "main"]);
    a.ok(&["sync"]);
    assert!(a.ok(&["list"]).contains("Second"));
    // Detached by a rebase under way, the rebase is named, not a checkout that would leave it.
    std::fs::write(a.folder().join("notes.txt"), "one\n").unwrap();
    a.git(&["add", "notes.txt"]);
    a.git(&[&IDENTITY[..], &["commit", "-q", "-m", "one"]].concat());
    a.git(
        &[
            &IDENTITY[..],
            &[
                "-c",
                "sequence.editor=sed -i s/^pick/edit/",
                "rebase",
                "-q",
                "-i",
                "HEAD~1",
            ],
        ]
        .concat(),
    );
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains("a rebase is under way in") && stderr.contains("`git rebase --abort`"),
        "{stderr}"
    );
}

/// A branch other than `main` is refused before anything is committed: its push made a
/// branch of its own on the remote, which no other machine took, and every sync said "up to
/// date" while nothing was shared.
#[test]
fn a_branch_other_than_main_is_refused_before_anything_is_committed() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "First"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.git(&["checkout", "-q", "-b", "other"]);
    a.ok(&["edit", "1", "--what", "On branch other"]);
    let head = a.git(&["rev-parse", "HEAD"]);
    let before = std::fs::read(&a.file).unwrap();
    let dir = a.folder().display().to_string();
    let refused = format!(
        "trustladder: {dir} is on branch other, but the ledger is synced on main: a sync here would push other, which no other machine takes; check out main (`git -C '{dir}' checkout main`), then sync again; nothing was changed\n"
    );
    let out = a.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), refused);
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head);
    assert_eq!(std::fs::read(&a.file).unwrap(), before);
    assert_eq!(a.git(&["ls-remote", "origin", "other"]), "");
    // `sync init --remote` refuses it too, before it moves the remote.
    let url = a.git(&["remote", "get-url", "origin"]);
    let out = a.run(&["sync", "init", "--remote", "/elsewhere.git"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(a.git(&["remote", "get-url", "origin"]), url);
    // Commits made on the branch are named, with the merge that brings them.
    a.git(&[&IDENTITY[..], &["commit", "-q", "-am", "on other"]].concat());
    let out = a.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!(
            "check out main (`git -C '{dir}' checkout main`) and bring what was committed on other (`git -C '{dir}' merge other`), then sync again"
        )),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // As it says, and the other machine has the edit.
    a.git(&["checkout", "-q", "main"]);
    a.git(&[&IDENTITY[..], &["merge", "-q", "other"]].concat());
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert!(b.ok(&["list"]).contains("On branch other"));
}

/// A ledger synced on a branch of another name (a repository of the user's own on `master`)
/// is refused from any other branch too, naming that one, where only `main` was looked for.
#[test]
fn a_branch_other_than_the_one_a_master_repository_syncs_on_is_refused() {
    let (_root, remote, machines) = network(1);
    let a = &machines[0];
    a.ok(&["promise", "add", "priya", "First"]);
    a.ok(&["sync"]);
    a.git(&["branch", "-q", "-m", "main", "master"]);
    a.git(&["push", "-q", "-u", "origin", "master"]);
    let moved = std::process::Command::new("git")
        .arg("-C")
        .arg(&remote)
        .args(["symbolic-ref", "HEAD", "refs/heads/master"])
        .status()
        .unwrap();
    assert!(moved.success());
    a.git(&["push", "-q", "origin", "--delete", "main"]);
    a.git(&["fetch", "-q", "--prune", "origin"]);
    a.ok(&["edit", "1", "--what", "On master"]);
    a.ok(&["sync"]);
    a.git(&["checkout", "-q", "-b", "other"]);
    a.ok(&["edit", "1", "--what", "On branch other"]);
    let head = a.git(&["rev-parse", "HEAD"]);
    let dir = a.folder().display().to_string();
    let out = a.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "trustladder: {dir} is on branch other, but the ledger is synced on master: a sync here would push other, which no other machine takes; check out master (`git -C '{dir}' checkout master`), then sync again; nothing was changed\n"
        )
    );
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head);
    assert_eq!(a.git(&["ls-remote", "origin", "other"]), "");
}

/// A file of the user's in the synced folder named as the data file by mistake is refused as
/// the commit refuses it, and the set-up files are left as they were: they were written for
/// it before the refusal, which said nothing was changed, and the next sync of the ledger
/// committed and pushed them to every machine. `sync init` wrote them too, and made a
/// repository where there was none.
#[test]
fn a_file_that_is_no_ledger_named_by_mistake_changes_nothing_in_the_synced_folder() {
    let (_root, _remote, machines) = network(1);
    let a = &machines[0];
    std::fs::write(a.folder().join("notes.txt"), "my notes\n").unwrap();
    let notes = Machine::at(a.home.clone(), a.folder().join("notes.txt"));
    let stderr = notes.fails(&["sync"]);
    assert!(
        stderr.contains("notes.txt: not a trustladder file I can read")
            && stderr.contains("Nothing was changed"),
        "{stderr}"
    );
    assert_eq!(a.git(&["status", "--porcelain"]), "?? notes.txt\n");
    // Nor does `sync init` write them, nor make a repository where there was none.
    let stderr = notes.fails(&["sync", "init"]);
    assert!(
        stderr.contains("notes.txt: not a trustladder file I can read"),
        "{stderr}"
    );
    assert_eq!(a.git(&["status", "--porcelain"]), "?? notes.txt\n");
    let elsewhere = a.home.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("notes.txt"), "my notes\n").unwrap();
    let stranger = Machine::at(a.home.clone(), elsewhere.join("notes.txt"));
    stranger.fails(&["sync", "init"]);
    let names: Vec<_> = std::fs::read_dir(&elsewhere)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.txt"]);
    assert_eq!(a.ok(&["sync"]), "up to date with the remote\n");
}

/// A folder named as the data file (`--file FOLDER`) is refused by `sync init`, `sync` and
/// `sync clone` as by every command, and nothing is made in the folder above it: `sync init`
/// made that folder a repository with set-up files for a ledger named as the folder, then
/// failed; `sync` said the folder above was not set up; `sync clone` said it held a ledger.
#[test]
fn a_folder_named_as_the_data_file_is_refused_by_sync_and_nothing_is_made_around_it() {
    let (root, remote, _machines) = network(1);
    let above = root.path().join("above");
    std::fs::create_dir_all(above.join("ledger")).unwrap();
    let m = Machine::at(root.path().join("home-m0"), above.join("ledger"));
    let url = remote.display().to_string();
    for args in [
        vec!["sync", "init"],
        vec!["sync", "init", "--remote", &url],
        vec!["sync"],
        vec!["sync", "clone", &url],
    ] {
        let stderr = m.fails(&args);
        assert_eq!(
            stderr,
            format!(
                "trustladder: {}: not a regular file but a folder, so trustladder neither reads nor writes it. Nothing was changed; pass --file with the path of a ledger file\n",
                above.join("ledger").display()
            ),
            "{args:?}"
        );
        let names: Vec<_> = std::fs::read_dir(&above)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["ledger"], "{args:?}");
    }
}

/// A sync where nothing changed on either side asks git what it must and no more: once the
/// remote's branch is found to be this machine's last commit, nothing is merged, checked
/// against the remote or pushed, and the driver's settings, already there, are read in one
/// command, only its command written again (which names a config lock left in the way). It
/// ran git 60 times, where it now runs it 27 times (one to find whether a `git pull` run by
/// hand since the last sync brought anything, which the sync says).
#[test]
fn a_sync_with_nothing_to_do_runs_git_no_more_than_it_must() {
    let (root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    b.ok(&["promise", "add", "priya", "Review PR 412"]);
    b.ok(&["sync"]);
    assert!(a.ok(&["sync"]).starts_with("merged: took 1 promise added"));
    // git, through a script that logs each command it is given.
    let real = Command::new("sh")
        .args(["-c", "command -v git"])
        .output()
        .unwrap();
    let real = String::from_utf8_lossy(&real.stdout).trim().to_string();
    let bin = root.path().join("logged-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = root.path().join("git.log");
    let script = bin.join("git");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> {}\nexec {} \"$@\"\n",
            quoted(&log),
            quoted(Path::new(&real))
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let head = a.git(&["rev-parse", "HEAD"]);
    let out = a.command(&["sync"]).env("PATH", &path).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "up to date with the remote\n"
    );
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head);
    let ran = std::fs::read_to_string(&log).unwrap();
    // Each as `-C DIR SUBCOMMAND ARGS`: the subcommand and what follows.
    let commands: Vec<String> = ran
        .lines()
        .map(|line| line.split(' ').skip(2).collect::<Vec<_>>().join(" "))
        .collect();
    let taken = |start: &str| commands.iter().filter(|c| c.starts_with(start)).count();
    assert_eq!(
        (
            taken("merge "),
            taken("push"),
            taken("fetch"),
            taken("config merge."),
            taken("config diff."),
            taken("config --get-regexp"),
            taken("rev-parse --show-toplevel"),
        ),
        (0, 0, 1, 1, 0, 1, 1),
        "{ran}"
    );
    assert!(
        commands.len() <= 27,
        "{} git commands:\n{ran}",
        commands.len()
    );
}

/// Commits another machine pushed that changed other files alone are said as taken, where
/// the sync said only "up to date with the remote".
#[test]
fn commits_that_changed_other_files_alone_are_said_as_taken() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    std::fs::write(a.folder().join("notes.txt"), "one\n").unwrap();
    a.git(&["add", "notes.txt"]);
    a.git(&[&IDENTITY[..], &["commit", "-q", "-m", "notes"]].concat());
    a.ok(&["sync"]);
    assert_eq!(
        b.ok(&["sync"]),
        "merged: took changes to other files than the ledger: notes.txt\nup to date with the remote\n"
    );
    assert_eq!(b.ok(&["sync"]), "up to date with the remote\n");
}

/// A change to a set-up file alone is committed under its name, not as "no change".
#[test]
fn a_commit_of_a_set_up_file_alone_names_it() {
    let (_root, _remote, machines) = network(1);
    let a = &machines[0];
    let path = a.folder().join(".gitignore");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("*.swp\n");
    std::fs::write(&path, text).unwrap();
    let out = a.ok(&["sync"]);
    assert!(out.contains("committed: .gitignore changed"), "{out}");
    assert_eq!(
        a.git(&["log", "-1", "--format=%s"]).trim(),
        "trustladder: .gitignore changed"
    );
}

/// A promise given to someone archived on another machine meanwhile is said when the sync
/// brings the archive: it was kept, open, and left every everyday list without a word.
#[test]
fn a_sync_that_archives_someone_with_open_promises_says_so() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["person", "archive", "priya"]);
    a.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "New for Priya"]);
    let out = b.ok(&["sync"]);
    assert!(
        out.contains("merged: Priya Raman is archived on another machine, with 1 open promise the everyday lists leave out (#1): `trustladder list priya-raman` shows them, `trustladder person restore priya-raman` brings them back"),
        "{out}"
    );
    let out = a.ok(&["sync"]);
    assert!(
        out.contains("merged: Priya Raman is archived here, with 1 open promise"),
        "{out}"
    );
}

/// `sync clone` in a folder that is synced already names `sync`, not `sync init`; and `sync
/// init --remote` to a remote that holds another ledger leaves the remote as it was (it moved
/// it, then refused), so the next `sync` goes on with the old one.
#[test]
fn a_clone_over_a_synced_ledger_and_an_init_to_another_ledger_change_nothing() {
    let (root, remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    let url = remote.display().to_string();
    let stderr = b.fails(&["sync", "clone", &url]);
    assert!(
        stderr.contains(&format!(
            "already holds a ledger, synced with {url}: `trustladder sync` syncs it"
        )),
        "{stderr}"
    );

    let stranger = Machine::new(root.path(), "stranger");
    stranger.ok(&["person", "add", "Leo Park"]);
    let elsewhere = bare_remote(&root.path().join("elsewhere"));
    let elsewhere = elsewhere.display().to_string();
    stranger.ok(&["sync", "init", "--remote", &elsewhere]);
    let stderr = a.fails(&["sync", "init", "--remote", &elsewhere]);
    assert!(
        stderr.contains(&format!("{elsewhere} holds another ledger (its history shares no commit with this one's), so the remote stays {url}")),
        "{stderr}"
    );
    assert_eq!(a.git(&["remote", "get-url", "origin"]).trim(), url);
    a.ok(&["promise", "add", "priya", "Still synced"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert!(b.ok(&["list"]).contains("Still synced"));
}

/// `sync clone` with a data file of another name than the remote's ledger names the one the
/// remote holds, and the `--file` that clones it.
#[test]
fn a_clone_under_another_name_names_the_ledger_the_remote_holds() {
    let (root, remote, _machines) = network(1);
    let home = root.path().join("home-work");
    std::fs::create_dir_all(&home).unwrap();
    let b = Machine::at(home.clone(), home.join("ledger").join("work.json"));
    let stderr = b.fails(&["sync", "clone", &remote.display().to_string()]);
    assert!(
        stderr.contains(&format!(
            "the remote holds no work.json but a ledger named trustladder.json: clone it as that (`trustladder --file '{}' sync clone '{}'`)",
            home.join("ledger").join("trustladder.json").display(),
            remote.display()
        )),
        "{stderr}"
    );
    assert!(!b.file.exists());
}

/// A folder whose remote `origin` has an empty URL (an earlier version took `sync init
/// --remote ""`) is mended by `sync init --remote URL`, as the error of every sync there says:
/// git refused to add an `origin` again.
#[test]
fn sync_init_mends_a_remote_whose_url_is_empty() {
    let (_root, remote, machines) = network(1);
    let a = &machines[0];
    let url = remote.display().to_string();
    a.git(&["remote", "set-url", "origin", ""]);
    assert_eq!(a.git(&["config", "--get", "remote.origin.url"]).trim(), "");
    a.ok(&["person", "add", "Bo Chen"]);
    a.ok(&["sync", "init", "--remote", &url]);
    assert_eq!(a.git(&["remote", "get-url", "origin"]).trim(), url);
    assert_eq!(a.ok(&["sync"]), "up to date with the remote\n");
}

/// A number one machine handed out and another deleted is never handed out again by a third
/// that had not heard of it: the third's record moves, and says so, and the first machine's
/// number names nothing rather than another promise.
#[test]
fn a_number_deleted_elsewhere_is_not_handed_out_again_by_a_machine_offline_meanwhile() {
    let (_root, _remote, machines) = network(3);
    let (a, b, c) = (&machines[0], &machines[1], &machines[2]);
    for m in [a, b, c] {
        m.ok(&["sync"]);
    }
    a.ok(&["promise", "add", "priya", "X, made on A"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    b.ok(&["rm", "1"]);
    b.ok(&["sync"]);
    c.ok(&["promise", "add", "priya", "Y, made on C"]);
    let merged = c.ok(&["sync"]);
    assert!(merged.contains("merged: #1 here is now #2\n"), "{merged}");
    let taken = a.ok(&["sync"]);
    assert!(!taken.contains("kept #1"), "{taken}");
    for m in [a, b, c] {
        m.ok(&["sync"]);
        let numbers: Vec<(u64, String)> = m
            .ledger()
            .promises
            .iter()
            .map(|p| (p.id.0, p.what.clone()))
            .collect();
        assert_eq!(numbers, [(2, "Y, made on C".to_string())]);
    }
}

/// A machine that changed nothing since its last sync hears of no value of its own lost
/// when it takes a merge made elsewhere: here the person it added, joined with one of the
/// same name on another machine, then edited on a third, which had not heard of the join:
/// its archive is taken, but not its role over the one this machine gave, which the third
/// hears.
#[test]
fn a_machine_that_changed_nothing_hears_of_nothing_of_its_own_lost() {
    let (_root, _remote, machines) = network(3);
    let (a, b, c) = (&machines[0], &machines[1], &machines[2]);
    a.ok(&["person", "add", "Kim"]);
    a.ok(&["sync"]);
    c.ok(&["sync"]);
    // Added a day earlier, so B's record is the one the join keeps.
    b.ok(&[
        "--today",
        "2026-11-20",
        "person",
        "add",
        "Kim",
        "--role",
        "B role",
    ]);
    let joined = b.ok(&["sync"]);
    assert!(joined.contains("Kim was added on both sides"), "{joined}");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    c.ok(&["person", "edit", "kim", "--role", "C role"]);
    c.ok(&["person", "archive", "kim"]);
    let edited = c.ok(&["sync"]);
    assert!(
        edited.contains(r#"kept role "B role" over "C role""#),
        "{edited}"
    );
    let taken = b.ok(&["sync"]);
    assert!(!taken.contains("changed on both sides"), "{taken}");
    assert!(taken.contains("merged: took 1 person archived"), "{taken}");
}

/// A colleague added on two machines, whom the other machine's merge joined into its own, and
/// deleted here before this machine took that merge (alone, or with a promise by `--force`):
/// the one person stays deleted on both machines, where the one that merge kept came back,
/// said as one record added.
#[test]
fn a_person_deleted_here_after_a_merge_joined_them_elsewhere_stays_deleted() {
    for force in [false, true] {
        let (_root, _remote, machines) = network(2);
        let (a, b) = (&machines[0], &machines[1]);
        a.ok(&["person", "add", "Kim"]);
        if force {
            a.ok(&["promise", "add", "kim", "Ship it"]);
        }
        a.ok(&["sync"]);
        // Added a day earlier, so B's record is the one the join keeps.
        b.ok(&["--today", "2026-11-20", "person", "add", "Kim"]);
        let joined = b.ok(&["sync"]);
        assert!(joined.contains("Kim was added on both sides"), "{joined}");
        let rm: &[&str] = if force {
            &["person", "rm", "kim", "--force"]
        } else {
            &["person", "rm", "kim"]
        };
        a.ok(rm);
        let merged = a.ok(&["sync"]);
        assert!(!merged.contains("added"), "{merged}");
        assert!(!merged.contains("kept"), "{merged}");
        let taken = b.ok(&["sync"]);
        assert!(!taken.contains("kept"), "{taken}");
        for m in [a, b] {
            let l = m.ledger();
            let people: Vec<&str> = l.people.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(people, ["Priya Raman"], "force {force}");
            assert!(l.promises.is_empty(), "force {force}: {:?}", l.promises);
        }
    }
}

/// A config lock a killed sync left (it registers the merge driver in git's config) stops the
/// next sync with the file named and the `rm` for it, as any lock git left.
#[test]
fn a_config_lock_a_killed_sync_left_is_named_with_what_to_do() {
    let (_root, _remote, machines) = network(2);
    let a = &machines[0];
    a.ok(&["promise", "add", "priya", "Send the plan"]);
    let lock = a.folder().join(".git").join("config.lock");
    std::fs::write(&lock, "").unwrap();
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains(&format!("git's lock file {} is in the way", lock.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("(rm '{}')", lock.display())),
        "{stderr}"
    );
    std::fs::remove_file(&lock).unwrap();
    a.ok(&["sync"]);
    // A data folder inside a repository of the user's own: git names the config from the
    // repository's top, which is where the lock is.
    let root = tempfile::tempdir().unwrap();
    let repo = root.path().join("dotfiles");
    std::fs::create_dir_all(&repo).unwrap();
    git_in(
        root.path(),
        &repo,
        &["init", "--quiet", "--initial-branch=main"],
    );
    let inside = Machine::at(root.path().to_path_buf(), repo.join("trust").join("l.json"));
    inside.ok(&["person", "add", "Priya Raman"]);
    inside.ok(&["sync", "init"]);
    let lock = repo.join(".git").join("config.lock");
    std::fs::write(&lock, "").unwrap();
    let out = inside.run(&["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("(rm '{}')", lock.display())),
        "{stderr}"
    );
}

/// Two syncs started together on one machine (a cron job meeting one typed by hand): the
/// second waits for the first's lock, and both succeed.
#[test]
fn two_syncs_started_together_on_one_machine_both_succeed() {
    let (_root, _remote, machines) = network(1);
    let a = &machines[0];
    for round in 0..4 {
        a.ok(&["promise", "add", "priya", &format!("Round {round}")]);
        let both: Vec<std::process::Child> = (0..2)
            .map(|_| {
                a.command(&["sync"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("the binary runs")
            })
            .collect();
        for child in both {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// Makes `git` on machine `m` wait on the remote: each fetch and push first creates its
/// marker file in `root` (`fetching-N`, `pushing-N`, N counting from 1), then waits `secs`.
fn slow_remote(root: &Path, m: &Machine, secs: u32) {
    use std::os::unix::fs::PermissionsExt;
    for (what, pack, key) in [
        ("fetching", "git-upload-pack", "uploadpack"),
        ("pushing", "git-receive-pack", "receivepack"),
    ] {
        let script = root.join(format!("slow-{what}"));
        let marker = root.join(what);
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nn=1\nwhile [ -e '{m}-'$n ]; do n=$((n+1)); done\n: > '{m}-'$n\nsleep {secs}\nexec {pack} \"$@\"\n",
                m = marker.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        m.git(&[
            "config",
            &format!("remote.origin.{key}"),
            &script.display().to_string(),
        ]);
    }
}

/// Waits for `file` to appear (a slow remote's marker), for at most 60 s.
fn wait_for(file: &Path) {
    let start = std::time::Instant::now();
    while !file.exists() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "{} never appeared",
            file.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A sync lets go of the data file's lock while git waits on the remote: a change made
/// meanwhile is saved at once (it waited for the whole sync, and with a remote slower than
/// 10 s gave up unsaved). One made during a push the remote then rejects (another machine
/// pushed first) is committed before the merge that follows, and goes out with it.
#[test]
fn a_change_made_while_a_sync_waits_on_the_remote_is_saved_at_once() {
    let (root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "Before the sync"]);
    slow_remote(root.path(), a, 4);
    let sync = a
        .command(&["sync"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut sync = Running(Some(sync));
    wait_for(&root.path().join("fetching-1"));
    a.ok(&["promise", "add", "priya", "During the fetch"]);
    assert!(
        sync.still_running(),
        "the change was saved while the sync waited on the remote"
    );
    wait_for(&root.path().join("pushing-1"));
    a.ok(&["promise", "add", "priya", "During the push"]);
    assert!(sync.still_running());
    // Another machine pushes first: the push waiting here is rejected, and tried again.
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    let out = sync.finish();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(
        text.contains("committed: 2 promises added; 1 promise added\n"),
        "{text}"
    );
    assert!(text.contains("pushed"), "{text}");
    b.ok(&["sync"]);
    let listed: serde_json::Value = serde_json::from_str(&b.ok(&["list", "--json"])).unwrap();
    let whats: BTreeSet<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        whats,
        BTreeSet::from([
            "Before the sync",
            "During the fetch",
            "During the push",
            "From B"
        ])
    );
}

/// A sync that finds another sync of its folder running for the whole of its wait (the other
/// waits on a slow remote) says so, exit 1, nothing done; it blamed the data file's lock,
/// which is free meanwhile: a change goes through at once.
#[test]
fn a_sync_that_waits_out_another_sync_says_so() {
    use std::io::Write;
    let (_root, _remote, machines) = network(1);
    let a = &machines[0];
    let lock = a.folder().join(".git").join("trustladder-sync.lock");
    let mut held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .unwrap();
    held.lock().unwrap();
    writeln!(held, "{}", std::process::id()).unwrap();
    a.ok(&["promise", "add", "priya", "While another sync runs"]);
    let out = a.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "trustladder: another sync of this folder (PID {}) was still running after 10 s, waiting on the remote most likely; nothing was done here: sync again once it is over\n",
            std::process::id()
        )
    );
    held.unlock().unwrap();
    assert!(a.ok(&["sync"]).contains("committed: 1 promise added"));
}

/// A child process killed and waited for when the test ends, however it ends.
struct Running(Option<std::process::Child>);

impl Running {
    fn still_running(&mut self) -> bool {
        self.0
            .as_mut()
            .is_some_and(|child| child.try_wait().unwrap().is_none())
    }

    /// Waits for it to end, with what it printed.
    fn finish(mut self) -> std::process::Output {
        let child = self.0.take().expect("started");
        child.wait_with_output().unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A sync killed after git wrote the merge commit and before it removed `MERGE_HEAD`: the
/// next sync forgets the merge, which is committed, and goes on (it failed with git's "You
/// have not concluded your merge").
#[test]
fn a_merge_marked_under_way_though_committed_is_forgotten_by_the_next_sync() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    a.ok(&["promise", "add", "priya", "From A"]);
    a.ok(&["sync"]);
    let git_dir = a.folder().join(".git");
    let second = a.git(&["rev-parse", "HEAD^2"]);
    std::fs::write(git_dir.join("MERGE_HEAD"), second).unwrap();
    std::fs::write(git_dir.join("MERGE_MODE"), "no-ff").unwrap();
    std::fs::write(git_dir.join("MERGE_MSG"), "trustladder: merge\n").unwrap();
    b.ok(&["promise", "add", "priya", "From B again"]);
    b.ok(&["sync"]);
    let taken = a.ok(&["sync"]);
    assert!(taken.contains("took 1 promise added"), "{taken}");
    assert!(!git_dir.join("MERGE_HEAD").exists());
    let whats: Vec<String> = a.ledger().promises.iter().map(|p| p.what.clone()).collect();
    assert_eq!(whats.len(), 3, "{whats:?}");
}

/// A lock on the remote's branch that a push killed there left (a folder remote) refuses
/// every push: said in git's words with the `rm` for it, tried once, where it was said as
/// "the remote kept moving on; tried 5 times".
#[test]
fn a_lock_left_on_the_remote_s_branch_is_named_with_what_to_do() {
    let (_root, remote, machines) = network(1);
    let a = &machines[0];
    let lock = remote.join("refs/heads/main.lock");
    std::fs::write(&lock, "").unwrap();
    a.ok(&["promise", "add", "priya", "Send the plan"]);
    let stderr = a.fails(&["sync"]);
    assert!(
        stderr.contains("committed: 1 promise added")
            && stderr.contains("cannot lock ref")
            && stderr.contains("main.lock') and sync again")
            && !stderr.contains("kept moving on"),
        "{stderr}"
    );
    std::fs::remove_file(&lock).unwrap();
    let said = a.ok(&["sync"]);
    assert!(said.ends_with("pushed\n"), "{said}");
}

/// A data file gone from a synced folder is refused by `sync` as by every change, naming the
/// `git checkout` that puts back the version last committed, first, as the synced folder's own
/// way back, and with its backups beside it `restore-backup` too (it named only that). Nothing is taken from the remote or committed meanwhile
/// (it said "up to date", or took the whole ledger back as the other machine's).
#[test]
fn a_data_file_gone_from_a_synced_folder_is_refused_by_sync() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "Send the plan"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "From B"]);
    b.ok(&["sync"]);
    a.ok(&["promise", "add", "priya", "Not synced yet"]);
    std::fs::remove_file(&a.file).unwrap();
    let head = a.git(&["rev-parse", "HEAD"]);
    let stderr = a.fails(&["sync"]);
    // The version git holds first, as the way back a synced folder has, then the backups.
    assert_eq!(
        stderr,
        format!(
            "trustladder: {}: there is no data file, but git holds the version last committed, and 2 backups of one are in {}. Nothing was changed; `git -C {} checkout -- trustladder.json` puts back that version (what was saved here after it is not in it), or `trustladder restore-backup 1` the newest backup (`trustladder check` lists them), then sync again\n",
            a.file.display(),
            a.folder().join("backups").display(),
            a.folder().display()
        )
    );
    assert!(!a.file.exists());
    assert_eq!(
        a.git(&["rev-parse", "HEAD"]),
        head,
        "nothing committed or taken"
    );

    let backups = a.folder().join("backups");
    std::fs::remove_dir_all(&backups).unwrap();
    let stderr = a.fails(&["sync"]);
    let checkout = format!(
        "`git -C {} checkout -- trustladder.json` puts that back",
        a.folder().display()
    );
    assert!(stderr.contains(&checkout), "{stderr}");
    assert!(!a.file.exists());
    a.git(&["checkout", "--", "trustladder.json"]);
    let taken = a.ok(&["sync"]);
    assert!(taken.contains("took 1 promise added"), "{taken}");
}

/// The copies of the ledger git makes for the merge driver (`.merge_file_XXXXXX`), which a
/// sync killed during a merge leaves in the folder, are removed by the next sync, and git
/// never lists them meanwhile.
#[test]
fn copies_git_made_for_a_merge_a_killed_sync_left_are_removed() {
    let (_root, _remote, machines) = network(1);
    let a = &machines[0];
    let left = a.folder().join(".merge_file_Ab12Cd");
    std::fs::write(&left, "{}").unwrap();
    let mine = a.folder().join(".merge_file_notes.txt");
    std::fs::write(&mine, "mine").unwrap();
    a.ok(&["promise", "add", "priya", "Send the plan"]);
    a.ok(&["sync"]);
    assert!(!left.exists());
    assert!(mine.exists(), "not one of git's");
    std::fs::write(&left, "{}").unwrap();
    let status = a.git(&["status", "--porcelain"]);
    assert_eq!(status.trim(), "?? .merge_file_notes.txt", "{status}");
}

/// A sync refused because the data file does not read keeps no backup of it: it said
/// "Nothing was changed", yet the damaged file became the newest backup, counted as sound.
#[test]
fn a_sync_refused_for_a_damaged_file_keeps_no_backup_of_it() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    a.ok(&["promise", "add", "priya", "Ship it"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    b.ok(&["promise", "add", "priya", "Added on B"]);
    b.ok(&["sync"]);
    let backups = a.folder().join("backups");
    let listed = || {
        let mut names: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listed();
    let text = std::fs::read_to_string(&a.file).unwrap();
    std::fs::write(&a.file, text.replacen("\"what\"", "\"what\",", 1)).unwrap();
    let out = a.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(listed(), before);
}

/// A merge that only kept a record says that alone, and a sync that takes it says no "took
/// no change" (it said "0 records added, 0 changed, 0 deleted by the other copy", then "took
/// no change" on the other machine); a person deleted on one side and kept for a promise
/// given on the other is not said to have been edited.
#[test]
fn a_merge_that_took_nothing_says_no_counts_of_nothing() {
    let (_root, _remote, machines) = network(3);
    let (a, b, c) = (&machines[0], &machines[1], &machines[2]);
    c.ok(&["person", "add", "Gina"]);
    c.ok(&["sync"]);
    b.ok(&["sync"]);
    c.ok(&["person", "rm", "gina"]);
    b.ok(&["person", "edit", "gina", "--role", "Lead"]);
    b.ok(&["sync"]);
    let merged = c.ok(&["sync"]);
    assert!(
        merged.contains("merged: kept gina: edited on one side, deleted on the other\n")
            && !merged.contains("merged: took"),
        "{merged}"
    );
    let taken = b.ok(&["sync"]);
    assert!(!taken.contains("no change"), "{taken}");

    a.ok(&["person", "add", "Frank"]);
    a.ok(&["promise", "add", "frank", "F1"]);
    for m in [a, b] {
        m.ok(&["sync"]);
    }
    a.ok(&["person", "rm", "frank", "--force"]);
    a.ok(&["sync"]);
    b.ok(&["promise", "add", "frank", "F2 from B"]);
    let merged = b.ok(&["sync"]);
    assert!(
        merged.contains(
            "merged: kept frank: deleted on one side, but a promise with them was kept\n"
        ),
        "{merged}"
    );
}

/// The files of a code repository, a README among them.
const CODE: [(&str, &str); 3] = [
    ("README.md", "# a tool\n"),
    ("Cargo.toml", "[package]\nname = \"tool\"\n"),
    ("src/main.rs", "fn main() {}\n"),
];

/// `sync init --remote` naming a repository of something else (a mistyped URL naming a code
/// repository) is refused before anything is committed or pushed: exit 1, naming the remote
/// (its password masked), the files found and `--join`; the remote keeps its branches as
/// they were, no remote is added here, and a second try with the right URL goes through.
#[test]
fn sync_init_with_a_repository_of_something_else_is_refused_and_pushes_nothing() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let code = remote_holding(&root.path().join("code"), &CODE);
    let before = refs_of(&code);
    let a = Machine::new(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    let ledger = std::fs::read(&a.file).unwrap();
    // A forge's URL with a token in it, which git takes to the code repository here.
    let secret = "https://me:s3cret@forge.example/remote.git";
    a.git(&[
        "config",
        "--global",
        &format!("url.{}/.insteadOf", root.path().join("code").display()),
        "https://me:s3cret@forge.example/",
    ]);
    let stderr = a.fails(&["sync", "init", "--remote", secret]);
    assert_eq!(
        stderr,
        "trustladder: the remote https://me:***@forge.example/remote.git holds no trustladder.json, but other files (Cargo.toml, src/main.rs): a repository of something else, it seems (a mistyped URL?), which a sync would join this ledger's whole history to; nothing was pushed, and no remote was added. Check the URL (`trustladder sync init --remote URL` sets another); if that repository is meant to hold the ledger all the same, run `trustladder sync init --remote URL --join`\n"
    );
    assert_eq!(refs_of(&code), before, "nothing pushed");
    assert_eq!(a.git(&["remote"]), "");
    assert_eq!(a.git(&["for-each-ref", "refs/remotes"]), "");
    assert_eq!(a.git(&["rev-list", "--all"]), "", "nothing committed");
    assert_eq!(std::fs::read(&a.file).unwrap(), ledger);
    assert!(!a.folder().join("Cargo.toml").exists());

    let right = bare_remote(&root.path().join("right"));
    assert_eq!(
        a.ok(&["sync", "init", "--remote", &right.display().to_string()]),
        "committed: 1 person added\npushed\n"
    );
    assert_eq!(refs_of(&code), before);
    let b = Machine::new(root.path(), "b");
    b.ok(&["sync", "clone", &right.display().to_string()]);
    assert_eq!(b.ledger(), a.ledger());
}

/// A remote that holds only the files a forge makes a new repository with (a README, a
/// LICENSE) is joined as before; one more file of something else there is refused, naming
/// that file alone.
#[test]
fn only_the_files_a_forge_makes_a_repository_with_are_joined_unasked() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let made = remote_holding(
        &root.path().join("made"),
        &[("README.md", "# ledger\n"), ("LICENSE", "MIT\n")],
    );
    let a = Machine::new(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    assert_eq!(
        a.ok(&["sync", "init", "--remote", &made.display().to_string()]),
        "committed: 1 person added\nmerged: took changes to other files than the ledger: LICENSE, README.md\npushed\n"
    );
    let b = Machine::new(root.path(), "b");
    b.ok(&["sync", "clone", &made.display().to_string()]);
    assert_eq!(b.ledger(), a.ledger());
    assert!(b.folder().join("README.md").exists());

    let more = remote_holding(
        &root.path().join("more"),
        &[
            ("README.md", "# notes\n"),
            ("LICENSE", "MIT\n"),
            ("notes.txt", "mine\n"),
        ],
    );
    let before = refs_of(&more);
    let c = Machine::new(root.path(), "c");
    c.ok(&["person", "add", "Leo Park"]);
    let stderr = c.fails(&["sync", "init", "--remote", &more.display().to_string()]);
    assert!(
        stderr.contains(&format!(
            "the remote {} holds no trustladder.json, but other files (notes.txt): ",
            more.display()
        )),
        "{stderr}"
    );
    assert_eq!(refs_of(&more), before);
}

/// A remote a forge made with a `.gitattributes` of its own meets the one `sync init` writes
/// (both added it): the first join stops, naming the `git merge` that merges it by hand, with
/// what a first join of two histories needs (a plain `git merge` refuses it), and that merge,
/// the file settled with both sides' lines, goes through and syncs.
#[test]
fn a_forge_made_gitattributes_names_the_merge_a_first_join_needs() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let made = remote_holding(
        &root.path().join("made"),
        &[
            (".gitattributes", "*.md text\n"),
            ("README.md", "# ledger\n"),
        ],
    );
    let a = Machine::new(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    let stderr = a.fails(&["sync", "init", "--remote", &made.display().to_string()]);
    assert!(
        stderr.contains(&format!(
            "to merge by hand, run `git -C {} merge --allow-unrelated-histories origin/main`, settle .gitattributes (keeping the lines of both sides) and `git commit`, then sync again",
            quoted(&a.folder())
        )),
        "{stderr}"
    );
    let merged = Command::new("git")
        .env("HOME", &a.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .arg("-C")
        .arg(a.folder())
        .args(IDENTITY)
        .args(["merge", "-q", "--allow-unrelated-histories", "origin/main"])
        .output()
        .unwrap();
    assert!(
        !merged.status.success(),
        "git stops at the file: {merged:?}"
    );
    let ours = a.git(&["show", "HEAD:.gitattributes"]);
    std::fs::write(
        a.folder().join(".gitattributes"),
        format!("*.md text\n{ours}"),
    )
    .unwrap();
    a.git(&["add", ".gitattributes"]);
    a.git(&[&IDENTITY[..], &["commit", "-q", "--no-edit"]].concat());
    assert!(a.ok(&["sync"]).ends_with("pushed\n"));
    let b = Machine::new(root.path(), "b");
    b.ok(&["sync", "clone", &made.display().to_string()]);
    assert_eq!(b.ledger(), a.ledger());
}

/// `--join` pushes the ledger into a repository of something else all the same, joining the
/// two histories; a remote added by hand is refused by `sync` as by `sync init` (its
/// branches forgotten again, so the refusal is said the same way each time), naming the
/// `sync init --join` for its URL.
#[test]
fn join_pushes_the_ledger_into_a_repository_of_something_else_when_asked() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let code = remote_holding(&root.path().join("code"), &CODE);
    let url = code.display().to_string();
    let before = refs_of(&code);
    let a = Machine::new(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    a.ok(&["sync", "init"]);
    a.git(&["remote", "add", "origin", &url]);
    for _ in 0..2 {
        let stderr = a.fails(&["sync"]);
        assert!(
            stderr.contains(&format!(
                "holds no trustladder.json, but other files (Cargo.toml, src/main.rs): a repository of something else, it seems (a mistyped URL?), which a sync would join this ledger's whole history to; nothing was pushed. Check the URL (`trustladder sync init --remote URL` sets another); if that repository is meant to hold the ledger all the same, run `trustladder sync init --remote '{url}' --join`\n"
            )),
            "{stderr}"
        );
        assert_eq!(refs_of(&code), before);
        assert_eq!(a.git(&["for-each-ref", "refs/remotes"]), "");
    }
    // `--join` asks for a remote.
    assert_eq!(a.run(&["sync", "init", "--join"]).status.code(), Some(2));
    assert_eq!(
        a.ok(&["sync", "init", "--remote", &url, "--join"]),
        "merged: took changes to other files than the ledger: Cargo.toml, README.md, src/main.rs\npushed\n"
    );
    assert_ne!(refs_of(&code), before);
    let b = Machine::new(root.path(), "b");
    b.ok(&["sync", "clone", &url]);
    assert_eq!(b.ledger(), a.ledger());
    assert!(b.folder().join("src/main.rs").exists());
    // Joined, it syncs as any remote.
    b.ok(&["person", "add", "Leo Park"]);
    b.ok(&["sync"]);
    assert_eq!(
        a.ok(&["sync"]),
        "merged: took 1 person added\nup to date with the remote\n"
    );
}

/// `sync init --remote` moving a synced folder to a repository of something else is refused
/// as well: the folder keeps its remote, and syncs with it as before.
#[test]
fn sync_init_moving_to_a_repository_of_something_else_keeps_the_remote() {
    let (root, remote, machines) = network(1);
    let a = &machines[0];
    let code = remote_holding(&root.path().join("code"), &CODE);
    let before = refs_of(&code);
    a.ok(&["person", "add", "Leo Park"]);
    let stderr = a.fails(&["sync", "init", "--remote", &code.display().to_string()]);
    assert!(
        stderr.contains(&format!(
            "nothing was pushed, and the remote stays {}. ",
            remote.display()
        )),
        "{stderr}"
    );
    assert_eq!(refs_of(&code), before);
    assert_eq!(
        a.git(&["config", "remote.origin.url"]),
        format!("{}\n", remote.display())
    );
    assert_eq!(a.ok(&["sync"]), "committed: 1 person added\npushed\n");
}

/// A remote a forge made with a `.gitignore` of its own is joined with both sides' lines
/// in it: it met the one `sync init` writes in a conflict (both added it), and the first sync
/// stopped with exit 1, naming a `git merge` to make by hand.
#[test]
fn a_remote_a_forge_made_with_a_gitignore_is_joined_with_the_lines_of_both() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let made = remote_holding(
        &root.path().join("made"),
        &[("README.md", "# ledger\n"), (".gitignore", "*.swp\n")],
    );
    let url = made.display().to_string();
    let a = Machine::new(root.path(), "a");
    a.ok(&["person", "add", "Priya Raman"]);
    assert_eq!(
        a.ok(&["sync", "init", "--remote", &url]),
        "committed: 1 person added\nmerged: took changes to other files than the ledger: .gitignore, README.md\npushed\n"
    );
    let ignored = std::fs::read_to_string(a.folder().join(".gitignore")).unwrap();
    assert!(
        ignored.contains("*.swp\n") && ignored.contains("/trustladder.json.lock\n"),
        "{ignored}"
    );
    assert_eq!(a.git(&["status", "--porcelain"]), "");
    let b = Machine::new(root.path(), "b");
    b.ok(&["sync", "clone", &url]);
    assert_eq!(b.ledger(), a.ledger());
    b.ok(&["person", "add", "Leo Park"]);
    b.ok(&["sync"]);
    assert_eq!(
        a.ok(&["sync"]),
        "merged: took 1 person added\nup to date with the remote\n"
    );
}

/// A named pipe where the key file of a plain ledger goes: a sync that found changes on the
/// remote read it to see whether the merge changed the key file, and waited on the pipe for
/// good. It refuses one at once, before it merges anything, naming it and what to do, and
/// syncs once it is moved aside.
#[test]
fn a_named_pipe_where_the_key_file_goes_stops_no_sync() {
    let (_root, _remote, machines) = network(2);
    let (a, b) = (&machines[0], &machines[1]);
    b.ok(&["person", "add", "Bo Chen"]);
    b.ok(&["sync"]);
    let key = trustladder::crypt::keyfile::key_path(&a.file);
    nix::unistd::mkfifo(&key, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let before = std::fs::read(&a.file).unwrap();
    let out = store_support::output_within(
        &mut a.command(&["sync"]),
        std::time::Duration::from_secs(60),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the key file {} is a named pipe, not a file, and a sync reads the key file; no encrypt or decrypt leaves one: move it aside, then sync again; nothing was changed",
            key.display()
        )),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&a.file).unwrap(), before);
    std::fs::remove_file(&key).unwrap();
    a.ok(&["sync"]);
    assert!(a.ok(&["person", "list"]).contains("Bo Chen"));
}

/// `sync clone` whose `--file` is inside the remote repository's own folder (the bare
/// repository's, or a folder in it) is refused, naming that and a path outside it to give
/// instead: git made a repository of its own among the remote's files and the clone said the
/// remote, which holds the ledger, held no commits yet, or, a folder further down, set the
/// ledger up inside the remote. The remote is left as it was, and the path named works.
#[test]
fn a_clone_into_the_remote_repository_s_own_folder_is_refused_naming_it() {
    let (root, remote, _machines) = network(1);
    let url = remote.display().to_string();
    let listed = |dir: &Path| -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let (files, refs) = (listed(&remote), refs_of(&remote));
    let home = root.path().join("home-b");
    std::fs::create_dir_all(&home).unwrap();
    let outside = root
        .path()
        .canonicalize()
        .unwrap()
        .join("trustladder")
        .join("trustladder.json");
    for file in [
        remote.join("trustladder.json"),
        remote.join("sub").join("trustladder.json"),
    ] {
        let b = Machine::at(home.clone(), file.clone());
        let out = b.run(&["sync", "clone", &url]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "the ledger {} would be inside the remote repository {url}",
                file.display()
            )) && stderr.contains(&format!(
                "give --file a path outside it ({}, say)",
                outside.display()
            )),
            "{stderr}"
        );
        assert!(!stderr.contains("no commits"), "{stderr}");
        assert_eq!(listed(&remote), files);
        assert_eq!(refs_of(&remote), refs);
    }
    let b = Machine::at(home, outside);
    b.ok(&["sync", "clone", &url]);
    assert!(b.ok(&["person", "list"]).contains("Priya Raman"));
}
