//! The native charts of the 评查情况汇总表 workbook: grade distribution per agency, average
//! score per agency and problems per category, drawn by Excel, WPS and LibreOffice themselves
//! from numbers in the workbook. The numbers are two chart-data tables (图表数据) made from the
//! campaign's `Figures`: sheets of the workbook with number cells, and tables in the summary's
//! CSV, so `verify` re-derives them like every other sheet. The charts are on a sheet of their
//! own (图表), one to an A4 page, and refer to the data sheets' cells, never to copies.
//!
//! This module computes no figure: every number comes from `figures`, laid out here.

use super::figures::Figures;
use super::xlsx::{self, Look, FONT};
use super::{column_list, Column, ExportError, Table};
use crate::i18n::Lang;
use crate::tr;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartDataLabel, ChartFont, ChartLegendPosition, ChartSolidFill,
    ChartType, Format, FormatAlign, Worksheet, XlsxError,
};
use std::collections::HashSet;

/// Series colours, best grade first (green, blue, amber, red, then greys and darker tones).
const GRADE_COLOURS: [&str; 8] = [
    "#70AD47", "#4472C4", "#FFC000", "#C00000", "#7F7F7F", "#A5A5A5", "#264478", "#9E480E",
];
/// The charts' width in pixels, and the columns of the chart sheet it spans (64 px each): about
/// the printable width of an A4 portrait page.
const WIDTH: u32 = 680;
const SHEET_COLUMNS: u16 = 11;
/// A default row is 20 px high; the tallest chart still fits an A4 page under the title.
const ROW_PX: u32 = 20;
const MAX_HEIGHT: u32 = 880;
// The title row, a gap and the tallest chart fit the printable height of A4 portrait (10.19 in
// at 96 px).
const _: () = assert!(2 * ROW_PX + MAX_HEIGHT < 978);

/// The chart data of one campaign and how its charts are drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Charts {
    lang: Lang,
    /// 被评查单位, one column per grade (files), 平均分: one row per agency, in ranking order.
    by_agency: Table,
    /// 问题类别, 问题数: one row per category of the campaign's set.
    by_category: Table,
    grades: usize,
    /// The most files finalized in one agency, and the most problems in one category (for the
    /// value axes' steps).
    most_files: usize,
    most_problems: usize,
    /// Whether no file scored above 100, so the averages' axis ends at 100.
    within_100: bool,
    footer: String,
}

/// One chart with the height it was given.
struct Drawn {
    chart: Chart,
    height: u32,
}

impl Charts {
    /// The chart data of `figures`; `footer` is the audit line of the summary the charts go with.
    pub fn of(figures: &Figures, footer: &str, lang: Lang) -> Charts {
        let f = figures;
        let mut columns = column_list(&[(lang.pick("被评查单位", "Agency"), 26.0)]);
        columns.extend(f.grades.iter().map(|g| Column {
            header: g.pick(lang).to_string(),
            width: 9.0,
        }));
        columns.push(Column {
            header: lang.pick("平均分", "Average").into(),
            width: 8.0,
        });
        let rows = f
            .agencies
            .iter()
            .map(|a| {
                let mut row = vec![a.agency.clone()];
                row.extend(a.grades.iter().map(|n| n.to_string()));
                row.push(a.average_text());
                row
            })
            .collect();
        let by_agency = Table {
            name: lang
                .pick("图表数据（单位）", "chart-data-agencies")
                .into(),
            title: lang
                .pick(
                    "各单位案卷等次分布与平均分（图表数据）",
                    "Grades and average score by agency (chart data)",
                )
                .into(),
            preamble: vec![lang
                .pick(
                    "图表“各单位案卷等次分布”“各单位平均分”所用的数值：各等次为已定稿案卷件数，单位按汇总表的排名顺序",
                    "The numbers the charts of grades and averages by agency draw: files finalized per grade, agencies in the summary's ranking order",
                )
                .into()],
            columns,
            rows,
            signatures: Vec::new(),
            footer: footer.into(),
        };
        let by_category = Table {
            name: lang
                .pick("图表数据（问题类别）", "chart-data-categories")
                .into(),
            title: lang
                .pick(
                    "各类别问题数（图表数据）",
                    "Problems by category (chart data)",
                )
                .into(),
            preamble: vec![tr!(
                lang,
                "图表“各类别问题数”所用的数值：已定稿案卷中扣分或否决的评查项，按{}的类别",
                "The numbers the chart of problems by category draws: items deducted or vetoed in finalized files, by the categories of {}",
                f.category_set
            )],
            columns: column_list(&[
                (lang.pick("问题类别", "Category"), 30.0),
                (lang.pick("问题数", "Problems"), 8.0),
            ]),
            rows: f
                .categories
                .iter()
                .map(|c| vec![c.category.clone(), c.count.to_string()])
                .collect(),
            signatures: Vec::new(),
            footer: footer.into(),
        };
        Charts {
            lang,
            by_agency,
            by_category,
            grades: f.grades.len(),
            most_files: f.agencies.iter().map(|a| a.finalized()).max().unwrap_or(0),
            most_problems: f.categories.iter().map(|c| c.count).max().unwrap_or(0),
            within_100: f.total.highest().is_none_or(|p| p.0 <= 100 * 100),
            footer: footer.into(),
        }
    }

    /// The chart-data tables, as their sheets and the CSV show them.
    pub fn tables(&self) -> [&Table; 2] {
        [&self.by_agency, &self.by_category]
    }

    /// The workbook: `leading` as sheets (the summary), then the charts' sheet, then the
    /// chart-data sheets with number cells.
    pub fn workbook(&self, leading: &[Table]) -> Result<Vec<u8>, ExportError> {
        let x = |e: XlsxError| ExportError::Xlsx(e.to_string());
        let mut book = xlsx::new_workbook().map_err(x)?;
        // Every name first: the charts refer to the data sheets by name.
        let mut used = HashSet::new();
        let lead: Vec<String> = leading
            .iter()
            .map(|t| xlsx::sheet_name(&t.name, &mut used))
            .collect();
        let charts_name = xlsx::sheet_name(self.lang.pick("图表", "charts"), &mut used);
        let agency_sheet = xlsx::sheet_name(&self.by_agency.name, &mut used);
        let category_sheet = xlsx::sheet_name(&self.by_category.name, &mut used);
        for (t, name) in leading.iter().zip(lead) {
            let sheet = book.add_worksheet();
            sheet.set_name(name).map_err(x)?;
            xlsx::fill(sheet, t, &Look::default()).map_err(x)?;
        }
        let drawn = self.charts(&agency_sheet, &category_sheet);
        let sheet = book.add_worksheet();
        sheet.set_name(charts_name).map_err(x)?;
        self.draw(sheet, &drawn).map_err(x)?;
        let numbers = Look {
            numbers: (1..=self.grades + 1).collect(),
            ..Look::default()
        };
        for (t, name, look) in [
            (&self.by_agency, agency_sheet, numbers),
            (
                &self.by_category,
                category_sheet,
                Look {
                    numbers: vec![1],
                    ..Look::default()
                },
            ),
        ] {
            let sheet = book.add_worksheet();
            sheet.set_name(name).map_err(x)?;
            xlsx::fill(sheet, t, &look).map_err(x)?;
        }
        book.save_to_buffer().map_err(x)
    }

    /// The three charts (a chart whose table has no row is left out: Excel cannot draw it).
    fn charts(&self, agency_sheet: &str, category_sheet: &str) -> Vec<Drawn> {
        let lang = self.lang;
        let mut out = Vec::new();
        if let Some((first, last)) = data_rows(&self.by_agency) {
            let head = xlsx::header_row(&self.by_agency);
            let height = height_for(self.by_agency.rows.len());
            let mut c = Chart::new(ChartType::BarStacked);
            for g in 0..self.grades {
                let col = 1 + g as u16;
                c.add_series()
                    .set_name((agency_sheet, head, col))
                    .set_categories((agency_sheet, first, 0, last, 0))
                    .set_values((agency_sheet, first, col, last, col))
                    .set_format(
                        ChartSolidFill::new().set_color(GRADE_COLOURS[g % GRADE_COLOURS.len()]),
                    )
                    .set_gap(60)
                    // Zero counts unlabelled: a label on every empty segment is clutter.
                    .set_data_label(
                        ChartDataLabel::new()
                            .show_value()
                            .set_num_format("0;-0;;")
                            .set_font(&font(8.0)),
                    );
            }
            look(
                &mut c,
                lang.pick("各单位案卷等次分布", "Grades of the files by agency"),
                lang.pick("案卷数（件）", "Files"),
                Some(self.most_files),
                height,
            );
            c.legend()
                .set_position(ChartLegendPosition::Bottom)
                .set_font(&font(9.0));
            out.push(Drawn { chart: c, height });

            let col = 1 + self.grades as u16;
            let mut c = Chart::new(ChartType::Bar);
            c.add_series()
                .set_name((agency_sheet, head, col))
                .set_categories((agency_sheet, first, 0, last, 0))
                .set_values((agency_sheet, first, col, last, col))
                .set_format(ChartSolidFill::new().set_color("#4472C4"))
                .set_gap(60)
                .set_data_label(
                    ChartDataLabel::new()
                        .show_value()
                        .set_num_format("0.0")
                        .set_font(&font(8.0)),
                );
            look(
                &mut c,
                lang.pick("各单位平均分", "Average score by agency"),
                lang.pick("平均分", "Average score"),
                None,
                height,
            );
            if self.within_100 {
                c.x_axis().set_max(100);
            }
            c.legend().set_hidden();
            out.push(Drawn { chart: c, height });
        }
        if let Some((first, last)) = data_rows(&self.by_category) {
            let head = xlsx::header_row(&self.by_category);
            let height = height_for(self.by_category.rows.len()).max(360);
            let mut c = Chart::new(ChartType::Bar);
            c.add_series()
                .set_name((category_sheet, head, 1))
                .set_categories((category_sheet, first, 0, last, 0))
                .set_values((category_sheet, first, 1, last, 1))
                .set_format(ChartSolidFill::new().set_color("#ED7D31"))
                .set_gap(60)
                .set_data_label(
                    ChartDataLabel::new()
                        .show_value()
                        .set_num_format("0")
                        .set_font(&font(8.0)),
                );
            look(
                &mut c,
                lang.pick("各类别问题数", "Problems by category"),
                lang.pick("问题数（个）", "Problems"),
                Some(self.most_problems),
                height,
            );
            c.legend().set_hidden();
            out.push(Drawn { chart: c, height });
        }
        out
    }

    /// The charts' sheet: a title, then each chart on its own A4 page.
    fn draw(&self, sheet: &mut Worksheet, drawn: &[Drawn]) -> Result<(), XlsxError> {
        let title = Format::new()
            .set_font_name(FONT)
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center);
        sheet.merge_range(
            0,
            0,
            0,
            SHEET_COLUMNS - 1,
            self.lang
                .pick("行政执法案卷评查情况图表", "Charts of the case file review"),
            &title,
        )?;
        sheet.set_row_height(0, 24)?;
        let mut row = 2u32;
        let mut breaks = Vec::new();
        for (k, d) in drawn.iter().enumerate() {
            if k > 0 {
                breaks.push(row);
            }
            sheet.insert_chart(row, 0, &d.chart)?;
            row += d.height.div_ceil(ROW_PX) + 1;
        }
        if !breaks.is_empty() {
            sheet.set_page_breaks(&breaks)?;
        }
        sheet.set_print_area(0, 0, row, SHEET_COLUMNS - 1)?;
        xlsx::page_setup(sheet, false, &self.footer);
        Ok(())
    }
}

/// The first and last sheet rows (0-based) of `t`'s data, if it has any.
fn data_rows(t: &Table) -> Option<(u32, u32)> {
    let first = xlsx::header_row(t) + 1;
    (!t.rows.is_empty()).then(|| (first, first + t.rows.len() as u32 - 1))
}

/// A horizontal bar chart's height for `bars` categories: room for each label, within a page.
fn height_for(bars: usize) -> u32 {
    (120 + 22 * bars as u32).clamp(300, MAX_HEIGHT)
}

fn font(size: f64) -> ChartFont {
    ChartFont::new().set_name(FONT).set_size(size).clone()
}

/// Title, fonts, axes and size of a horizontal bar chart; for counts, `most` is the largest
/// (steps of one when it is small, so no axis shows half a file).
fn look(c: &mut Chart, title: &str, value_axis: &str, most: Option<usize>, height: u32) {
    c.title()
        .set_name(title)
        .set_font(&font(14.0).set_bold().clone());
    // A bar chart's categories are on its Y axis: the first ranked on top, the values below.
    c.y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max)
        .set_font(&font(9.0));
    c.x_axis()
        .set_name(value_axis)
        .set_name_font(&font(9.0))
        .set_font(&font(9.0))
        .set_min(0);
    if most.is_some_and(|m| m <= 10) {
        c.x_axis().set_major_unit(1);
    }
    c.set_width(WIDTH).set_height(height).set_alt_text(title);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::figures::{AgencyFigures, GradeName};
    use calamine::{Data, Reader};
    use std::io::Cursor;

    fn figures(categories: Vec<super::super::figures::CategoryCount>) -> Figures {
        let grade = |zh: &str| GradeName {
            zh: zh.into(),
            en: String::new(),
        };
        Figures {
            grades: vec![grade("优秀"), grade("不合格")],
            agencies: vec![
                AgencyFigures {
                    agency: "甲局".into(),
                    rank: Some(1),
                    drawn: 2,
                    scores: vec![crate::checklist::points::Points(9500)],
                    grades: vec![1, 0],
                    ..AgencyFigures::default()
                },
                AgencyFigures {
                    agency: "=乙局".into(),
                    drawn: 1,
                    grades: vec![0, 0],
                    ..AgencyFigures::default()
                },
            ],
            total: AgencyFigures::default(),
            categories,
            category_set: "四类问题".into(),
            problems: 0,
            samples: 3,
            alternates: 0,
            finalized: 1,
            in_progress: 0,
            not_started: 2,
            all_samples_final: false,
            targeted: None,
        }
    }

    #[test]
    fn data_cells_are_numbers_and_an_empty_table_has_no_chart() {
        let c = Charts::of(&figures(Vec::new()), "审计行", Lang::Zh);
        let bytes = c.workbook(&[]).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
        assert!(zip.by_name("xl/charts/chart2.xml").is_ok());
        assert!(
            zip.by_name("xl/charts/chart3.xml").is_err(),
            "no category, no chart"
        );
        let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(
            book.sheet_names(),
            ["图表", "图表数据（单位）", "图表数据（问题类别）"]
        );
        let r = book.worksheet_range("图表数据（单位）").unwrap();
        let at = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        assert_eq!(at(3, 0), Data::String("甲局".into()));
        assert_eq!(at(3, 1), Data::Float(1.0));
        assert_eq!(at(3, 3), Data::Float(95.0));
        // Text stays neutralised; an agency with no finalized file has no average.
        assert_eq!(at(4, 0), Data::String("'=乙局".into()));
        assert_eq!(at(4, 2), Data::Float(0.0));
        assert_eq!(at(4, 3), Data::Empty);
    }

    #[test]
    fn heights_stay_within_a_page() {
        assert_eq!(height_for(1), 300);
        assert_eq!(height_for(31), 802);
        assert_eq!(height_for(500), MAX_HEIGHT);
    }
}
