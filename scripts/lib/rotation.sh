# shellcheck shell=bash
# Shared by the benchmark scripts: a write is timed as a daily user meets it, with the ten
# backups kept that every ledger has after its first ten saves, so that the timed save also
# rotates the oldest out, as every save does from then on.

# Makes FOLDER a full rotation of ten backups of a data file named NAME, each a copy of
# SOURCE. The oldest is a file of its own (the one a save drops, and writes into); the nine
# newer are names of one other copy, which costs a save the same (it reads a few bytes of
# each) and the disk a tenth as much.
# When the rotation's newest backup was made, as its name says. The copy of the data file is
# given this time too, as a save leaves it: a data file whose time is not that of the save that
# named the newest backup was written by something else (a sync, a copy), and its next save
# reads that backup whole to carry on its numbers (docs/STORE.md), which a daily save does not.
# The time has a fraction of a second, as a save's file has on a file system that keeps them:
# on a data file whose time is whole seconds a save never writes into the backup it drops
# (docs/STORE.md says why) but writes a fresh file and removes that backup, which a daily
# save does not either.
saved_at=2026-11-01T00:00:00.5Z

rotation() { # SOURCE NAME FOLDER
    local source="$1" name="$2" folder="$3" i
    rm -rf "$folder"
    mkdir -p "$folder"
    cp "$source" "$folder/$name.000001.20261101T000000Z"
    cp "$source" "$folder/$name.000002.20261101T000000Z"
    for i in 3 4 5 6 7 8 9 10; do
        ln "$folder/$name.000002.20261101T000000Z" "$folder/$name.$(printf %06d "$i").20261101T000000Z"
    done
}

# A command for hyperfine's --prepare: a fresh copy of SOURCE at DATA and of the rotation
# ROTATION as DATA's backups, synced to disk as files saved long ago are (a copy still
# waiting to be written would be written by the timed command's own syncs).
fresh_with_rotation() { # SOURCE DATA ROTATION
    local backups
    backups="$(dirname "$2")/backups"
    printf 'sh -c "cp -f %s %s && touch -d %s %s && rm -rf %s && cp -a %s %s && sync %s %s %s/*"' \
        "$1" "$2" "$saved_at" "$2" "$backups" "$3" "$backups" "$2" "$backups" "$backups"
}
