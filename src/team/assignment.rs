//! Making and changing the assignment: the random one after a draw (`team::assign`, recorded
//! with everything needed to recompute it), manual moves with a reason, and the recomputation
//! `anjuan verify` does.

use super::assign::{self, Candidate, Input, Target};
use super::error::TeamError;
use super::records;
use super::roster::{MemberRole, Roster};
use crate::register::population::Role;
use crate::review::assignment::{
    self as recorded, AssignedFile, AssignmentChange, AssignmentRecord, Person, ASSIGNMENTS, FORMAT,
};
use crate::review::state::Refusal;
use crate::review::Review;
use crate::workspace::now;
use crate::workspace::records::RecordRef;

fn person(m: &super::roster::Member) -> Person {
    Person {
        id: m.id.clone(),
        name: m.name.clone(),
        unit: m.unit.clone(),
    }
}

/// What the algorithm is given for the review's current draw and a roster.
pub fn inputs(review: &Review, roster: &Roster) -> (Vec<Candidate>, Vec<Target>) {
    let reviewers = roster
        .reviewers()
        .map(|m| Candidate {
            id: m.id.clone(),
            unit: m.unit.clone(),
        })
        .collect();
    let files = review
        .files
        .iter()
        .filter(|f| f.selected.role.reviewed())
        .map(|f| Target {
            case_id: f.id().to_string(),
            agency: f.agency(),
        })
        .collect();
    (reviewers, files)
}

/// Run the pinned algorithm and record the result as `assignments/NNNN.json`.
pub fn make(review: &Review, per_file: usize) -> Result<(AssignmentRecord, RecordRef), TeamError> {
    if let Some(a) = &review.assignment {
        return Err(TeamError::Assigned {
            file: a.origin.file.clone(),
        });
    }
    let (roster, _) = records::latest(&review.ws)?;
    let roster_ref = roster_before_draw(review, &roster)?;
    let (reviewers, files) = inputs(review, &roster);
    let outcome = assign::assign(&Input {
        seed: &review.draw.seed,
        population_sha256: &review.draw.population_sha256,
        reviewers: &reviewers,
        files: &files,
        per_file,
    })
    .map_err(TeamError::Assign)?;
    let change = AssignmentChange::Random {
        algorithm: assign::ALGORITHM.into(),
        draw: review.draw_ref.clone(),
        roster: roster_ref,
        seed: review.draw.seed.clone(),
        population_sha256: review.draw.population_sha256.clone(),
        per_file,
        reviewers: roster.reviewers().map(person).collect(),
        checkers: roster.checkers().map(person).collect(),
        files: files
            .iter()
            .zip(outcome.files)
            .map(|(t, reviewers)| AssignedFile {
                case: t.case_id.clone(),
                agency: t.agency.clone(),
                reviewers,
            })
            .collect(),
        balanced: outcome.balanced,
    };
    write(review, change)
}

/// The roster record in force when the draw was made, if the reviewers (ids and units) are still
/// the same. The roster must be fixed before anyone knows the seed: otherwise a lead could try
/// rosters after the draw until the assignment suits them.
fn roster_before_draw(review: &Review, current: &Roster) -> Result<RecordRef, TeamError> {
    let ledger = ledger_order(review);
    let before = records::all(&review.ws)?
        .into_iter()
        .rfind(|(_, r)| ledger.before(&r.file, &review.draw_ref.file))
        .ok_or(TeamError::RosterAfterDraw)?;
    let people = |r: &Roster| -> Vec<(String, String)> {
        r.reviewers()
            .map(|m| (m.id.clone(), m.unit.trim().to_string()))
            .collect()
    };
    if people(&before.0.roster) != people(current) {
        return Err(TeamError::RosterChangedAfterDraw {
            before: before.1.file,
        });
    }
    Ok(before.1)
}

/// The files in the order the ledger recorded them (read once per command).
struct LedgerOrder(Vec<String>);

impl LedgerOrder {
    /// Whether the ledger recorded `a` before `b`.
    fn before(&self, a: &str, b: &str) -> bool {
        let at = |f: &str| self.0.iter().position(|x| x == f);
        matches!((at(a), at(b)), (Some(x), Some(y)) if x < y)
    }
}

fn ledger_order(review: &Review) -> LedgerOrder {
    let (entries, _) =
        crate::workspace::ledger::read(&review.ws.dir.join(crate::workspace::LEDGER));
    LedgerOrder(entries.into_iter().map(|e| e.file).collect())
}

fn write(
    review: &Review,
    change: AssignmentChange,
) -> Result<(AssignmentRecord, RecordRef), TeamError> {
    let earlier = recorded::records(&review.ws)?;
    let number = earlier.last().map_or(1, |(r, _)| r.number + 1);
    let created_at = now();
    let record = AssignmentRecord {
        format: FORMAT.into(),
        number,
        created_at: created_at.clone(),
        previous: earlier.last().map(|(_, r)| r.clone()),
        change,
    };
    let (file, sha256) =
        review
            .ws
            .write_record(ASSIGNMENTS, number, "assignment", &record, &created_at)?;
    Ok((
        record,
        RecordRef {
            number,
            file,
            sha256,
        },
    ))
}

/// Move a file from one reviewer to another (or give an unassigned file, e.g. an alternate
/// brought in, a reviewer), with the reason. The new reviewer must be on the roster as a
/// reviewer, not from the file's agency, and on a double-reviewed file not from the other
/// reviewer's unit.
pub fn reassign(
    review: &Review,
    case: &str,
    from: Option<&str>,
    to: &str,
    reason: &str,
    by: &str,
) -> Result<(AssignmentRecord, RecordRef), TeamError> {
    let a = review.assignment.as_ref().ok_or(TeamError::NoAssignment)?;
    let i = review.file_index(case)?;
    let file = &review.files[i];
    let case = file.id().to_string();
    let refused = |refusal| TeamError::Move {
        case: case.clone(),
        refusal,
    };
    if reason.trim().is_empty() {
        return Err(refused(Refusal::NoReason));
    }
    let current = a.reviewers_of(&case);
    if let Some(from) = from {
        if !current.iter().any(|r| r == from) {
            return Err(TeamError::NotAssignedTo {
                case: case.clone(),
                from: from.to_string(),
            });
        }
    }
    let (roster, _) = records::latest(&review.ws)?;
    let member = roster
        .member(to)
        .ok_or_else(|| TeamError::UnknownMember(to.to_string()))?;
    if member.role != MemberRole::Reviewer {
        return Err(TeamError::NotReviewer(to.to_string()));
    }
    let agency = file.agency();
    if member.unit.trim() == agency.trim() {
        return Err(refused(Refusal::OwnAgency {
            by: to.to_string(),
            agency,
        }));
    }
    for other in current.iter().filter(|r| Some(r.as_str()) != from) {
        if other == to {
            return Err(refused(Refusal::NotAssigned {
                by: format!("{to} (already assigned)"),
            }));
        }
        let other_unit = a.person(other).map(|p| p.unit.trim().to_string());
        if other_unit.as_deref() == Some(member.unit.trim()) {
            return Err(refused(Refusal::OwnAgency {
                by: to.to_string(),
                agency: member.unit.clone(),
            }));
        }
    }
    write(
        review,
        AssignmentChange::Reassign {
            case,
            from: from.map(str::to_string),
            to: person(member),
            reason: reason.trim().to_string(),
            by: by.trim().to_string(),
        },
    )
}

/// A random assignment record and whether it recomputes (else what differs).
pub type Recomputed = (String, Result<(), String>);

/// For `verify`: recompute every random assignment from its recorded inputs and the roster it
/// names. Returns (record file, Ok or what differs).
pub fn recompute(review: &Review) -> Result<Vec<Recomputed>, TeamError> {
    let rosters = records::all(&review.ws)?;
    let ledger = ledger_order(review);
    let mut out = Vec::new();
    for (rec, rref) in recorded::records(&review.ws)? {
        let AssignmentChange::Random {
            algorithm,
            draw,
            roster,
            seed,
            population_sha256,
            per_file,
            files,
            ..
        } = &rec.change
        else {
            continue;
        };
        let result = (|| {
            if algorithm != assign::ALGORITHM {
                return Err(format!("unknown algorithm {algorithm}"));
            }
            let (d, draw_sha) = review
                .ws
                .read_draw(&draw.file)
                .map_err(|e| e.render(crate::i18n::Lang::En))?;
            if draw_sha != draw.sha256
                || d.seed != *seed
                || d.population_sha256 != *population_sha256
            {
                return Err(format!("{} does not match the draw it names", rref.file));
            }
            let Some((r, _)) = rosters.iter().find(|(_, x)| x == roster) else {
                return Err(format!(
                    "the roster {} it names is missing or changed",
                    roster.file
                ));
            };
            if !ledger.before(&roster.file, &draw.file) {
                return Err(format!(
                    "the roster {} was recorded after the draw {}",
                    roster.file, draw.file
                ));
            }
            let reviewers: Vec<Candidate> = r
                .roster
                .reviewers()
                .map(|m| Candidate {
                    id: m.id.clone(),
                    unit: m.unit.clone(),
                })
                .collect();
            // The agencies come from the frozen register, not from the record being checked.
            let mut targets = Vec::new();
            for f in files {
                let agency = match review.file_index(&f.case) {
                    Ok(i) if *draw == review.draw_ref => review.files[i].agency(),
                    _ => f.agency.clone(),
                };
                if agency != f.agency {
                    return Err(format!(
                        "{}: the agency recorded for {} is {:?}, the register says {agency:?}",
                        rref.file, f.case, f.agency
                    ));
                }
                targets.push(Target {
                    case_id: f.case.clone(),
                    agency,
                });
            }
            let sample: Vec<&str> = d
                .selected
                .iter()
                .filter(|s| s.role == Role::Sample)
                .map(|s| s.case_id.as_str())
                .collect();
            if sample.len() != targets.len()
                || !targets.iter().all(|t| sample.contains(&t.case_id.as_str()))
            {
                return Err("the files differ from the draw's sample".into());
            }
            let outcome = assign::assign(&Input {
                seed,
                population_sha256,
                reviewers: &reviewers,
                files: &targets,
                per_file: *per_file,
            })
            .map_err(|e| e.render(crate::i18n::Lang::En))?;
            let differs: Vec<&str> = files
                .iter()
                .zip(&outcome.files)
                .filter(|(f, o)| f.reviewers != **o)
                .map(|(f, _)| f.case.as_str())
                .collect();
            if differs.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "recomputed reviewers differ for {} files: {}",
                    differs.len(),
                    differs.join(", ")
                ))
            }
        })();
        out.push((rref.file.clone(), result));
    }
    Ok(out)
}
