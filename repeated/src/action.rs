//! Actions: an action is the index of a row (or column) of the stage game. In a 2×2 game
//! action 0 is C (cooperate) and action 1 is D (defect), as in Axelrod.

/// An action: a strategy index of the stage game (at most 256 actions per player).
pub type Action = u8;

/// Cooperate (action 0 of a 2×2 game).
pub const C: Action = 0;
/// Defect (action 1 of a 2×2 game).
pub const D: Action = 1;

/// The other action of a 2×2 game (C ↔ D).
#[inline]
pub fn flip(a: Action) -> Action {
    a ^ 1
}

/// Renders actions: `C`/`D` letters when `two_by_two`, else indices separated by spaces.
pub fn render(actions: &[Action], two_by_two: bool) -> String {
    if two_by_two {
        actions
            .iter()
            .map(|&a| if a == C { 'C' } else { 'D' })
            .collect()
    } else {
        actions
            .iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
