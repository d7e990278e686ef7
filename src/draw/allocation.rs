//! Allocation of `anjuan-draw-v1` (spec §3): how many files, and how many alternates, each
//! stratum gets. Computed from stratum sizes alone, before any seed exists, in exact integers.

use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// The ordered fields' values that identify a stratum, e.g. `["攸县公安局"]`.
pub type StratumKey = Vec<String>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    Proportional { n: u64, min_per_stratum: u64 },
    Equal { per_stratum: u64 },
    Fixed { quotas: BTreeMap<String, u64> },
}

impl Method {
    pub fn name(&self) -> &'static str {
        match self {
            Method::Proportional { .. } => "proportional",
            Method::Equal { .. } => "equal",
            Method::Fixed { .. } => "fixed",
        }
    }
}

/// One stratum's line of the allocation table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub stratum: StratumKey,
    pub size: u64,
    pub allocated: u64,
    pub alternates: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    #[error("requested n = {n} but the population has only N = {population} cases")]
    MoreThanPopulation { n: u64, population: u64 },
    #[error("minimums need {needed} files (min {min} in each of {strata} strata) but n = {n}")]
    MinimumsExceedN {
        needed: u64,
        min: u64,
        strata: usize,
        n: u64,
    },
    #[error("fixed quota for stratum {stratum} is {count}, but it has only {size} cases")]
    QuotaAboveSize {
        stratum: String,
        count: u64,
        size: u64,
    },
    #[error("fixed quota names stratum {stratum}, which is not in the register")]
    UnknownStratum { stratum: String },
    #[error("the population is empty")]
    EmptyPopulation,
}

impl AllocationError {
    pub fn zh(&self) -> String {
        match self {
            AllocationError::MoreThanPopulation { n, population } => {
                format!("要求抽取 n = {n} 件，但总体只有 N = {population} 件：请减小 --n")
            }
            AllocationError::MinimumsExceedN { needed, min, strata, n } => format!(
                "每层至少 {min} 件、共 {strata} 层，需要 {needed} 件，超过 n = {n}：请增大 --n 或减小 --min-per-stratum"
            ),
            AllocationError::QuotaAboveSize { stratum, count, size } => format!(
                "固定配额中层“{stratum}”为 {count} 件，但该层只有 {size} 件：请修改配额文件"
            ),
            AllocationError::UnknownStratum { stratum } => {
                format!("固定配额中的层“{stratum}”不在案卷目录中：请检查名称是否与目录一致")
            }
            AllocationError::EmptyPopulation => "总体为空：没有可抽取的案卷".to_string(),
        }
    }
}

/// Join a stratum key for display and for quota tables (fields never contain a tab).
pub fn stratum_label(key: &[String]) -> String {
    key.join("\t")
}

/// Allocate; the table comes back in stratum key order, whatever order `strata` had, because
/// key order decides ties (spec §3).
pub fn allocate(
    strata: &[(StratumKey, u64)],
    method: &Method,
    alternates: u64,
) -> Result<Vec<Allocation>, AllocationError> {
    let mut sorted = strata.to_vec();
    sorted.sort();
    let strata = sorted.as_slice();
    let total: u64 = strata.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return Err(AllocationError::EmptyPopulation);
    }
    let counts: Vec<u64> = match method {
        Method::Proportional { n, min_per_stratum } => {
            proportional(strata, *n, *min_per_stratum, total)?
        }
        Method::Equal { per_stratum } => {
            strata.iter().map(|(_, s)| (*per_stratum).min(*s)).collect()
        }
        Method::Fixed { quotas } => {
            for name in quotas.keys() {
                if !strata.iter().any(|(k, _)| &stratum_label(k) == name) {
                    return Err(AllocationError::UnknownStratum {
                        stratum: name.clone(),
                    });
                }
            }
            let mut out = Vec::with_capacity(strata.len());
            for (key, size) in strata {
                let label = stratum_label(key);
                let count = quotas.get(&label).copied().unwrap_or(0);
                if count > *size {
                    return Err(AllocationError::QuotaAboveSize {
                        stratum: label,
                        count,
                        size: *size,
                    });
                }
                out.push(count);
            }
            out
        }
    };
    Ok(strata
        .iter()
        .zip(counts)
        .map(|((key, size), allocated)| Allocation {
            stratum: key.clone(),
            size: *size,
            allocated,
            alternates: alternates.min(size - allocated),
        })
        .collect())
}

fn proportional(
    strata: &[(StratumKey, u64)],
    n: u64,
    min: u64,
    total: u64,
) -> Result<Vec<u64>, AllocationError> {
    if n > total {
        return Err(AllocationError::MoreThanPopulation {
            n,
            population: total,
        });
    }
    let mut alloc: Vec<u64> = strata.iter().map(|(_, s)| min.min(*s)).collect();
    let needed: u64 = alloc.iter().sum();
    if needed > n {
        return Err(AllocationError::MinimumsExceedN {
            needed,
            min,
            strata: strata.len(),
            n,
        });
    }
    // Max-heap on (deficit, size, reversed index); the index order is the key order because
    // `strata` is sorted, so "smaller key wins a tie" is "smaller index wins".
    let deficit =
        |i: usize, a: u64| -> i128 { n as i128 * strata[i].1 as i128 - a as i128 * total as i128 };
    let mut heap: BinaryHeap<(i128, u64, Reverse<usize>)> = (0..strata.len())
        .filter(|&i| alloc[i] < strata[i].1)
        .map(|i| (deficit(i, alloc[i]), strata[i].1, Reverse(i)))
        .collect();
    let mut given = needed;
    while given < n {
        let Some((_, size, Reverse(i))) = heap.pop() else {
            break;
        };
        alloc[i] += 1;
        given += 1;
        if alloc[i] < size {
            heap.push((deficit(i, alloc[i]), size, Reverse(i)));
        }
    }
    Ok(alloc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strata(sizes: &[(&str, u64)]) -> Vec<(StratumKey, u64)> {
        let mut v: Vec<_> = sizes
            .iter()
            .map(|(k, n)| (vec![k.to_string()], *n))
            .collect();
        v.sort();
        v
    }

    fn counts(a: &[Allocation]) -> Vec<u64> {
        a.iter().map(|x| x.allocated).collect()
    }

    #[test]
    fn hamilton_without_minimum() {
        // Shares 100*{50,30,20}/100 = exact.
        let s = strata(&[("a", 50), ("b", 30), ("c", 20)]);
        let a = allocate(
            &s,
            &Method::Proportional {
                n: 10,
                min_per_stratum: 0,
            },
            2,
        )
        .unwrap();
        assert_eq!(counts(&a), vec![5, 3, 2]);
        // 7 * {5,3,2}/10 = 3.5, 2.1, 1.4: floors 3,2,1 (6), remainder to a (0.5).
        let s = strata(&[("a", 5), ("b", 3), ("c", 2)]);
        let a = allocate(
            &s,
            &Method::Proportional {
                n: 7,
                min_per_stratum: 0,
            },
            2,
        )
        .unwrap();
        assert_eq!(counts(&a), vec![4, 2, 1]);
        assert_eq!(
            a.iter().map(|x| x.alternates).collect::<Vec<_>>(),
            vec![1, 1, 1]
        );
    }

    #[test]
    fn ties_go_to_larger_stratum_then_smaller_key() {
        let s = strata(&[("b", 1), ("a", 1), ("c", 2)]);
        // n=1: deficits a:1*1-0=1, b:1, c:2 -> c.
        let a = allocate(
            &s,
            &Method::Proportional {
                n: 1,
                min_per_stratum: 0,
            },
            0,
        )
        .unwrap();
        assert_eq!(counts(&a), vec![0, 0, 1]);
        // n=2 -> c then tie a/b(1 vs 1), c(2-4=-2): a wins by key.
        let a = allocate(
            &s,
            &Method::Proportional {
                n: 2,
                min_per_stratum: 0,
            },
            0,
        )
        .unwrap();
        assert_eq!(counts(&a), vec![1, 0, 1]);
    }

    #[test]
    fn minimum_binds_small_strata() {
        let s = strata(&[("a", 1000), ("b", 10), ("c", 1)]);
        let a = allocate(
            &s,
            &Method::Proportional {
                n: 10,
                min_per_stratum: 2,
            },
            2,
        )
        .unwrap();
        assert_eq!(counts(&a), vec![7, 2, 1]);
        assert_eq!(a[2].alternates, 0);
    }

    #[test]
    fn errors_state_the_numbers() {
        let s = strata(&[("a", 3), ("b", 3)]);
        let e = allocate(
            &s,
            &Method::Proportional {
                n: 7,
                min_per_stratum: 1,
            },
            0,
        )
        .unwrap_err();
        assert_eq!(
            e,
            AllocationError::MoreThanPopulation {
                n: 7,
                population: 6
            }
        );
        let e = allocate(
            &s,
            &Method::Proportional {
                n: 3,
                min_per_stratum: 2,
            },
            0,
        )
        .unwrap_err();
        assert_eq!(
            e,
            AllocationError::MinimumsExceedN {
                needed: 4,
                min: 2,
                strata: 2,
                n: 3
            }
        );
        assert!(e.zh().contains("n = 3"));
    }

    #[test]
    fn equal_and_fixed() {
        let s = strata(&[("a", 3), ("b", 1)]);
        let a = allocate(&s, &Method::Equal { per_stratum: 2 }, 5).unwrap();
        assert_eq!(counts(&a), vec![2, 1]);
        assert_eq!(a[0].alternates, 1);
        let quotas: BTreeMap<String, u64> = [("a".to_string(), 3)].into_iter().collect();
        let a = allocate(&s, &Method::Fixed { quotas }, 1).unwrap();
        assert_eq!(counts(&a), vec![3, 0]);
        let quotas: BTreeMap<String, u64> = [("b".to_string(), 2)].into_iter().collect();
        assert!(matches!(
            allocate(&s, &Method::Fixed { quotas }, 1),
            Err(AllocationError::QuotaAboveSize { .. })
        ));
        let quotas: BTreeMap<String, u64> = [("z".to_string(), 1)].into_iter().collect();
        assert!(matches!(
            allocate(&s, &Method::Fixed { quotas }, 1),
            Err(AllocationError::UnknownStratum { .. })
        ));
    }

    #[test]
    fn caller_order_does_not_matter() {
        let s = strata(&[("b", 1), ("a", 1), ("c", 2)]);
        let reversed: Vec<_> = s.iter().rev().cloned().collect();
        let m = Method::Proportional {
            n: 2,
            min_per_stratum: 0,
        };
        let a = allocate(&reversed, &m, 0).unwrap();
        assert_eq!(a, allocate(&s, &m, 0).unwrap());
        assert_eq!(a[0].stratum, vec!["a".to_string()]);
        assert_eq!(counts(&a), vec![1, 0, 1]);
    }
}
