//! Search: each hit says where it sits and which screen opens it, for every kind of record.

use rapport_core::domain::{SearchHit, SubjectKind};
use uuid::Uuid;

use crate::logging::{cast, input, surgery};
use crate::set_up_store;

/// A hit as the search screen shows it: its kind, where it sits, and what it opens.
fn placed(hit: &SearchHit) -> (SubjectKind, String, Option<Uuid>, Option<Uuid>) {
    (
        hit.kind,
        hit.context.clone(),
        hit.interaction_id,
        hit.representative_id,
    )
}

#[test]
fn every_hit_says_where_it_sits_and_what_it_opens() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let logged = store.save_interaction(&input(surgery(&cast))).unwrap();
    let meeting = Some(logged.summary.id.0);
    let mp = Some(cast.mp.0);
    let found =
        |text: &str| -> Vec<_> { store.search(text, 20).unwrap().iter().map(placed).collect() };

    let route = found("route");
    let expected = [
        (
            SubjectKind::Interaction,
            "Surgery meeting with Jane Smith, 20 November 2026".to_owned(),
            meeting,
            None,
        ),
        (
            SubjectKind::Ask,
            "Ask to Jane Smith: Agreed".to_owned(),
            meeting,
            mp,
        ),
    ];
    for hit in &expected {
        assert!(route.contains(hit), "{hit:?} in {route:?}");
    }
    assert_eq!(
        found("minister")
            .into_iter()
            .filter(|h| h.0 == SubjectKind::Commitment)
            .collect::<Vec<_>>(),
        [(
            SubjectKind::Commitment,
            "Promised by Jane Smith, due 4 December 2026".to_owned(),
            meeting,
            None
        )]
    );
    assert_eq!(
        found("survey"),
        [(
            SubjectKind::Commitment,
            "Promised by Dev Patel, due 27 November 2026".to_owned(),
            meeting,
            None
        )]
    );
    assert_eq!(
        found("thank"),
        [(
            SubjectKind::FollowUp,
            "Follow-up, due 22 November 2026".to_owned(),
            meeting,
            mp
        )]
    );
    assert_eq!(
        found("Jane"),
        [(
            SubjectKind::Representative,
            "MP, Labour".to_owned(),
            None,
            mp
        )]
    );
    assert_eq!(
        found("Tom"),
        [(
            SubjectKind::Person,
            "Other contact, Caseworker".to_owned(),
            None,
            None
        )]
    );
    assert!(found("Save")
        .iter()
        .any(|h| h.0 == SubjectKind::Campaign && h.1 == "Campaign" && h.2.is_none()));
}
