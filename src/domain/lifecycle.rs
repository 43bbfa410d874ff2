//! Which status may follow which, for asks, commitments and follow-ups. A change outside these
//! is refused with a message that lists what is possible instead.

use super::{AskStatus, CodeEnum, CommitmentStatus, FollowUpStatus};
use crate::{Error, Result};

/// A status with a life: the moves it allows.
pub trait Lifecycle: CodeEnum + PartialEq {
    /// What a record of this kind is called in a sentence: "an ask".
    const NOUN: &'static str;
    fn next(self) -> &'static [Self];

    fn can_move_to(self, to: Self) -> bool {
        self == to || self.next().contains(&to)
    }

    /// `Ok` if `self` may become `to`; otherwise a message naming the field to fix.
    fn check_move(self, to: Self, field: &str) -> Result<()> {
        if self.can_move_to(to) {
            return Ok(());
        }
        let options: Vec<&str> = self.next().iter().map(|s| s.label()).collect();
        let instead = match options.as_slice() {
            [] => "It cannot change any more.".to_owned(),
            [only] => format!("From “{}” it can only become “{only}”.", self.label()),
            [rest @ .., last] => format!(
                "From “{}” it can become “{}” or “{last}”.",
                self.label(),
                rest.join("”, “")
            ),
        };
        Err(Error::invalid(
            field,
            format!(
                "{} that is “{}” cannot become “{}”. {instead}",
                capitalise(Self::NOUN),
                self.label(),
                to.label()
            ),
        ))
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl Lifecycle for AskStatus {
    const NOUN: &'static str = "an ask";
    fn next(self) -> &'static [Self] {
        use AskStatus::*;
        match self {
            Planned => &[Made, Dropped],
            Made => &[UnderConsideration, Agreed, Declined, NoResponse, Dropped],
            UnderConsideration => &[Agreed, Declined, NoResponse, Dropped],
            // Asked again after a refusal or silence.
            Declined => &[Made, Dropped],
            NoResponse => &[Made, UnderConsideration, Agreed, Declined, Dropped],
            // An agreement can still fall through.
            Agreed => &[Done, Declined, Dropped],
            Done => &[],
            Dropped => &[Planned, Made],
        }
    }
}

impl AskStatus {
    /// Still in play: worth raising at the next meeting.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            AskStatus::Done | AskStatus::Dropped | AskStatus::Declined
        )
    }
}

impl Lifecycle for CommitmentStatus {
    const NOUN: &'static str = "a commitment";
    fn next(self) -> &'static [Self] {
        use CommitmentStatus::*;
        match self {
            Open => &[Done, Released],
            Done | Released => &[Open],
        }
    }
}

impl Lifecycle for FollowUpStatus {
    const NOUN: &'static str = "a follow-up";
    fn next(self) -> &'static [Self] {
        use FollowUpStatus::*;
        match self {
            Open => &[Done, Dropped],
            Done | Dropped => &[Open],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ask_moves_along_its_life_and_not_backwards_from_done() {
        assert!(AskStatus::Made.can_move_to(AskStatus::Agreed));
        assert!(AskStatus::Agreed.can_move_to(AskStatus::Done));
        assert!(
            AskStatus::Made.can_move_to(AskStatus::Made),
            "staying put is always allowed"
        );
        assert!(!AskStatus::Done.can_move_to(AskStatus::Made));
        assert!(!AskStatus::Planned.can_move_to(AskStatus::Agreed));
    }

    #[test]
    fn a_refused_move_says_what_is_possible() {
        let err = AskStatus::Planned
            .check_move(AskStatus::Agreed, "status")
            .unwrap_err();
        assert_eq!(err.field(), Some("status"));
        assert_eq!(err.to_string(), "An ask that is “Planned” cannot become “Agreed”. From “Planned” it can become “Made” or “Dropped”.");
        let err = AskStatus::Done
            .check_move(AskStatus::Made, "status")
            .unwrap_err();
        assert!(
            err.to_string().ends_with("It cannot change any more."),
            "{err}"
        );
        let err = CommitmentStatus::Done
            .check_move(CommitmentStatus::Released, "status")
            .unwrap_err();
        assert!(err.to_string().contains("can only become “Open”"), "{err}");
    }
}
