//! `anjuan sample`: the stateless draw for scripts and third parties. Prints the allocation and
//! every selected case with its full ticket; ticket numbers are strings, never floats.

use super::args::{OutputFormat, SampleArgs};
use super::Outcome;
use crate::draw::allocation::{self, Allocation, Method};
use crate::draw::{seed, ticket, ALGORITHM};
use crate::i18n::Lang;
use crate::register::import::{self, SourceInfo};
use crate::register::population::Selected;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct SampleOutput<'a> {
    algorithm: &'static str,
    tool_version: &'static str,
    seed: &'a str,
    seed_sha256: String,
    source_sha256: Vec<&'a str>,
    sources: &'a [SourceInfo],
    population_sha256: String,
    population_size: u64,
    stratum_fields: Vec<String>,
    method: &'a Method,
    alternates: u64,
    allocation: &'a [Allocation],
    selected: &'a [Selected],
}

pub fn run(a: SampleArgs, lang: Lang) -> Outcome {
    seed::check_seed(&a.seed).map_err(|e| e.render(lang))?;
    let method = a.allocation.method(lang)?;
    let settings = a.import.settings(lang)?;
    let files = a.import.files(&a.registers, lang)?;
    let imported = import::import(&files, &settings, Some(&a.seed), false).map_err(|problems| {
        problems
            .iter()
            .map(|p| p.render(lang))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let population = &imported.population;
    let alloc = allocation::allocate(&population.strata(), &method, a.allocation.alternates)
        .map_err(|e| match lang {
            Lang::Zh => e.zh(),
            Lang::En => e.to_string(),
        })?;
    let selected = population.select(&alloc);
    let fields: Vec<String> = settings
        .columns
        .stratum_fields()
        .iter()
        .map(|f| f.label())
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match a.format {
        OutputFormat::Json => {
            let doc = SampleOutput {
                algorithm: ALGORITHM,
                tool_version: crate::TOOL_VERSION,
                seed: &a.seed,
                seed_sha256: ticket::h(a.seed.as_bytes()),
                source_sha256: imported.sources.iter().map(|s| s.sha256.as_str()).collect(),
                sources: &imported.sources,
                population_sha256: population.digest(),
                population_size: population.len(),
                stratum_fields: fields,
                method: &method,
                alternates: a.allocation.alternates,
                allocation: &alloc,
                selected: &selected,
            };
            // The sources' file names and the cells come from outside: escaped so that no
            // control or format character reaches a terminal, the JSON meaning unchanged.
            serde_json::to_string_pretty(&doc)
                .map_err(std::io::Error::other)
                .and_then(|text| writeln!(out, "{}", crate::tui::text::json_safe(&text)))
        }
        OutputFormat::Csv => write_csv(&mut out, &fields, &selected),
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| e.to_string())?;
    Ok(0)
}

fn write_csv(out: &mut dyn Write, fields: &[String], selected: &[Selected]) -> std::io::Result<()> {
    let mut header: Vec<String> = fields.to_vec();
    header.extend(["role", "rank", "case_id", "ticket"].map(String::from));
    let safe = crate::tui::text::terminal_safe;
    writeln!(out, "{}", safe(&csv_line(&header)))?;
    for s in selected {
        let mut row = s.stratum.clone();
        let role = match s.role {
            crate::register::population::Role::Sample => "sample",
            crate::register::population::Role::Alternate => "alternate",
            crate::register::population::Role::Targeted => "targeted",
        };
        row.extend([
            role.to_string(),
            s.rank.to_string(),
            s.case_id.clone(),
            s.ticket.clone(),
        ]);
        writeln!(out, "{}", safe(&csv_line(&row)))?;
    }
    Ok(())
}

/// RFC 4180 quoting.
pub fn csv_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}
