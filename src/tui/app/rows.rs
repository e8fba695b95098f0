//! A list's rows and its selection, kept across rebuilds, and where the rows were drawn, for
//! the mouse.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::Hash;

use ratatui::layout::{Position, Rect};

use super::View;

/// A list on screen: its rows, the selected one, and the first row drawn. The selection is
/// kept by value across rebuilds, so a reload never jumps to another person or promise.
#[derive(Debug, Clone)]
pub struct Rows<T> {
    pub items: Vec<T>,
    pub selected: usize,
    /// The first visible row; the view moves it to keep the selection on screen.
    pub offset: Cell<usize>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            items: Vec::new(),
            selected: 0,
            offset: Cell::new(0),
        }
    }
}

impl<T: PartialEq + Copy> Rows<T> {
    /// The selected item, or none when there are no rows (a filter that matched nothing).
    pub fn current(&self) -> Option<T> {
        self.items.get(self.selected).copied()
    }

    /// Replaces the rows, keeping the selected item if it is still there (and the position
    /// otherwise).
    pub fn replace(&mut self, items: Vec<T>)
    where
        T: Eq + Hash,
    {
        self.replace_by(items, |x| *x);
    }

    /// [`Rows::replace`], keeping the row whose `key` is the selected one's: an agenda row
    /// stays selected when its promise moved to another group. Gone (deleted or archived
    /// elsewhere), the row that followed it is selected, else the one before it, as a
    /// keypress meant for the row below would have reached: the position alone lands past
    /// it when rows before it went too.
    pub fn replace_by<K: Eq + Hash>(&mut self, items: Vec<T>, key: impl Fn(&T) -> K) {
        let old = std::mem::replace(&mut self.items, items);
        let at = self.selected;
        let Some(selected) = old.get(at) else {
            self.clamp();
            return;
        };
        let wanted = key(selected);
        if let Some(i) = self.items.iter().position(|x| key(x) == wanted) {
            self.selected = i;
        } else {
            // Gone: one pass over each list, as the filter rebuilds the rows on every key.
            let here: HashMap<K, usize> = self
                .items
                .iter()
                .enumerate()
                .map(|(i, x)| (key(x), i))
                .collect();
            let find = |x: &T| here.get(&key(x)).copied();
            let near = (old[at + 1..].iter().find_map(&find))
                .or_else(|| old[..at].iter().rev().find_map(&find));
            if let Some(i) = near {
                self.selected = i;
            }
        }
        self.clamp();
    }

    /// The selected item's record is gone, though its value may name another record now (a
    /// file replaced by another ledger): the next [`Rows::replace`] selects as for a row gone,
    /// the row that followed it, else the one before.
    pub fn forget_selected(&mut self) {
        if self.selected < self.items.len() {
            self.items.remove(self.selected);
            if self.selected == self.items.len() {
                self.selected = self.selected.saturating_sub(1);
            }
        }
    }

    /// The selected item is now called `to` (a merge gave its record another number): the
    /// next [`Rows::replace`] finds it by that.
    pub fn rename_selected(&mut self, to: T) {
        if let Some(item) = self.items.get_mut(self.selected) {
            *item = to;
        }
    }

    /// Selects the row at `index`, or the last row if there are fewer.
    pub fn select_row(&mut self, index: usize) {
        self.selected = index;
        self.clamp();
    }

    /// Selects `item` if it is a row.
    pub fn select(&mut self, item: T) {
        if let Some(i) = self.items.iter().position(|x| *x == item) {
            self.selected = i;
        }
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
    }

    /// Moves the selection by `delta` rows, stopping at the ends.
    pub fn step(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Selects the first (`top`) or last row.
    pub fn jump(&mut self, top: bool) {
        self.selected = if top {
            0
        } else {
            self.items.len().saturating_sub(1)
        };
    }

    /// The first row to draw in a window of `height` rows so the selection stays in view,
    /// moving as little as possible from the last one drawn.
    pub fn window(&self, height: usize) -> usize {
        let height = height.max(1);
        let mut offset = self.offset.get().min(self.selected);
        if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        let max = self.items.len().saturating_sub(height);
        offset = offset.min(max);
        self.offset.set(offset);
        offset
    }
}

/// Where the last frame drew what a click can pick: the tabs, and the rows of the list shown
/// with the index of the first. The views record it as they draw (as the lists record their
/// scroll offsets), so `update` can tell what a click at a cell means without drawing.
#[derive(Debug, Default)]
pub struct Regions {
    pub tabs: RefCell<Vec<(Rect, View)>>,
    pub rows: Cell<Option<(Rect, usize)>>,
    /// How many lines the list, the help or the prep on screen shows: what a page is.
    pub page: Cell<Option<u16>>,
}

impl Regions {
    /// Forgets the last frame's regions, before a frame records its own.
    pub fn clear(&self) {
        self.tabs.borrow_mut().clear();
        self.rows.set(None);
        self.page.set(None);
    }

    /// The tab at a cell.
    pub fn tab_at(&self, at: Position) -> Option<View> {
        self.tabs
            .borrow()
            .iter()
            .find(|(area, _)| area.contains(at))
            .map(|(_, view)| *view)
    }

    /// The index of the list row at a cell.
    pub fn row_at(&self, at: Position) -> Option<usize> {
        let (area, first) = self.rows.get()?;
        area.contains(at)
            .then(|| first + usize::from(at.y - area.y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_the_selected_item_across_rebuilds() {
        let mut rows = Rows::default();
        rows.replace(vec![1, 2, 3, 4]);
        rows.select(3);
        rows.replace(vec![0, 1, 3]);
        assert_eq!(rows.current(), Some(3));
        rows.replace(vec![0]);
        assert_eq!(rows.current(), Some(0));
        rows.replace(Vec::new());
        assert_eq!(rows.current(), None);
    }

    /// The selected row gone, with rows before it: the row that followed it is selected, not
    /// the one now at its position (a row further on).
    #[test]
    fn rows_select_the_row_after_one_that_went() {
        let mut rows = Rows::default();
        rows.replace(vec![1, 2, 3, 4, 5]);
        rows.select(3);
        rows.replace(vec![1, 4, 5]);
        assert_eq!(rows.current(), Some(4));
        rows.select(5);
        rows.replace(vec![1, 4]);
        assert_eq!(rows.current(), Some(4), "the last gone: the one before it");
        rows.replace(vec![7, 8]);
        assert_eq!(
            rows.current(),
            Some(8),
            "nothing of before left: the position"
        );
    }

    #[test]
    fn the_window_follows_the_selection() {
        let mut rows = Rows::default();
        rows.replace((0..100).collect());
        assert_eq!(rows.window(10), 0);
        rows.step(15);
        assert_eq!(rows.window(10), 6);
        rows.step(-3);
        assert_eq!(rows.window(10), 6);
        rows.step(-10);
        assert_eq!(rows.window(10), 2);
        rows.jump(false);
        assert_eq!(rows.window(10), 90);
    }
}
