//! Every key the TUI understands, in one table: the event loop looks keys up here and the help
//! screen (`?`) is generated from the same rows, so the two cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the user is; each has its own keys, plus the global ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Global,
    Overview,
    Witnesses,
    Seed,
    Result,
    Desk,
    File,
    /// The 整改 board: one row per agency.
    Board,
    /// One agency's rectification items.
    BoardItems,
    /// One rectification item in full.
    BoardItem,
    /// Typing into a text field.
    Input,
    /// A form of several fields (a rectification step).
    Form,
    Confirm,
    /// The ballot counting screen (`ballot WS count`): digits are typed, not bound.
    Count,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Export,
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Enter,
    SwitchScreen,
    Presentation,
    Supersede,
    Filter,
    Sort,
    Pass,
    Deduct,
    Na,
    Veto,
    Edit,
    Clear,
    Finalize,
    Reopen,
    /// Reconciling a double review: adopt the first / second reviewer's decision.
    TakeFirst,
    TakeSecond,
    Less,
    More,
    Yes,
    No,
    /// From the review desk to the 整改 board.
    Board,
    /// The rectification steps on an item.
    Plan,
    Report,
    CloseItem,
    ReturnItem,
    Refer,
    /// Moving between the fields of a form.
    NextField,
    PrevField,
    /// The ballot being entered is spoiled (废票).
    Spoil,
}

#[derive(Clone, Copy, Debug)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
}

pub struct Binding {
    /// Where the binding applies.
    pub ctx: &'static [Context],
    pub keys: &'static [Key],
    /// How the keys are written in help and hints.
    pub label: &'static str,
    pub action: Action,
    pub zh: &'static str,
    pub en: &'static str,
}

use Action as A;
use Context as C;
use Key::*;

pub const BINDINGS: &[Binding] = &[
    Binding {
        ctx: &[C::Global],
        keys: &[Char('?')],
        label: "?",
        action: A::Help,
        zh: "帮助",
        en: "help",
    },
    Binding {
        ctx: &[C::Global],
        keys: &[Char('q'), Ctrl('c')],
        label: "q",
        action: A::Quit,
        zh: "退出",
        en: "quit",
    },
    Binding {
        ctx: &[C::Global],
        keys: &[Code(KeyCode::Tab)],
        label: "Tab",
        action: A::SwitchScreen,
        zh: "切换抽样仪式 / 评查台",
        en: "switch ceremony / review desk",
    },
    Binding {
        ctx: &[C::Global],
        keys: &[Char('k'), Code(KeyCode::Up)],
        label: "k Up",
        action: A::Up,
        zh: "上移",
        en: "up",
    },
    Binding {
        ctx: &[C::Global],
        keys: &[Char('j'), Code(KeyCode::Down)],
        label: "j Down",
        action: A::Down,
        zh: "下移",
        en: "down",
    },
    Binding {
        ctx: &[C::Global],
        keys: &[Ctrl('u'), Code(KeyCode::PageUp)],
        label: "PgUp",
        action: A::PageUp,
        zh: "上一页",
        en: "page up",
    },
    Binding {
        ctx: &[C::Global],
        keys: &[Ctrl('d'), Code(KeyCode::PageDown)],
        label: "PgDn",
        action: A::PageDown,
        zh: "下一页",
        en: "page down",
    },
    Binding {
        ctx: &[C::Global],
        keys: &[Char('g'), Code(KeyCode::Home)],
        label: "g",
        action: A::Top,
        zh: "到顶部",
        en: "top",
    },
    Binding {
        ctx: &[C::Global],
        keys: &[Char('G'), Code(KeyCode::End)],
        label: "G",
        action: A::Bottom,
        zh: "到底部",
        en: "bottom",
    },
    Binding {
        ctx: &[C::Global],
        keys: &[Code(KeyCode::Esc), Char('h'), Code(KeyCode::Left)],
        label: "Esc",
        action: A::Back,
        zh: "返回",
        en: "back",
    },
    Binding {
        ctx: &[C::Overview],
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: A::Enter,
        zh: "开始登记见证人",
        en: "start recording witnesses",
    },
    Binding {
        ctx: &[C::Overview, C::Seed, C::Result],
        keys: &[Char('z')],
        label: "z",
        action: A::Presentation,
        zh: "投影模式（大字）",
        en: "presentation mode (large)",
    },
    Binding {
        ctx: &[C::Witnesses],
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: A::Enter,
        zh: "加入见证人（空行：进入掷骰）",
        en: "add the witness (empty: go on to the dice)",
    },
    Binding {
        ctx: &[C::Witnesses, C::Seed],
        keys: &[Code(KeyCode::Esc)],
        label: "Esc",
        action: A::Back,
        zh: "返回",
        en: "back",
    },
    Binding {
        ctx: &[C::Seed],
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: A::Enter,
        zh: "确认种子（至少 20 位）",
        en: "confirm the seed (20 digits or more)",
    },
    Binding {
        ctx: &[C::Result],
        keys: &[Char('S')],
        label: "S",
        action: A::Supersede,
        zh: "作废并重抽（须说明理由）",
        en: "supersede and redraw (needs a reason)",
    },
    Binding {
        ctx: &[C::Result, C::Desk],
        keys: &[Char('E')],
        label: "E",
        action: A::Export,
        zh: "导出全部表格（XLSX、CSV 与清单）",
        en: "export every sheet (XLSX, CSV and manifest)",
    },
    Binding {
        ctx: &[C::Desk],
        keys: &[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
        label: "Enter",
        action: A::Enter,
        zh: "打开案卷",
        en: "open the file",
    },
    Binding {
        ctx: &[C::Desk],
        keys: &[Char('/')],
        label: "/",
        action: A::Filter,
        zh: "筛选（案号、机关、类型）",
        en: "filter (case id, agency, type)",
    },
    Binding {
        ctx: &[C::Desk],
        keys: &[Char('s')],
        label: "s",
        action: A::Sort,
        zh: "切换排序",
        en: "change the sort order",
    },
    Binding {
        ctx: &[C::Desk],
        keys: &[Char('Z')],
        label: "Z",
        action: A::Board,
        zh: "整改台：各单位整改进度",
        en: "rectification board: each agency's progress",
    },
    Binding {
        ctx: &[C::Board],
        keys: &[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
        label: "Enter",
        action: A::Enter,
        zh: "查看该单位的整改事项",
        en: "the agency's rectification items",
    },
    Binding {
        ctx: &[C::BoardItems],
        keys: &[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
        label: "Enter",
        action: A::Enter,
        zh: "查看整改事项详情",
        en: "the item in full",
    },
    Binding {
        ctx: &[C::BoardItems, C::BoardItem],
        keys: &[Char('p')],
        label: "p",
        action: A::Plan,
        zh: "整改方案（责任领导、责任人、措施、时限）",
        en: "plan (leader, owner, measures, deadline)",
    },
    Binding {
        ctx: &[C::BoardItems, C::BoardItem],
        keys: &[Char('r')],
        label: "r",
        action: A::Report,
        zh: "报告整改情况（是否完成、完成日期、佐证材料）",
        en: "report progress (done or not, date, evidence files)",
    },
    Binding {
        ctx: &[C::BoardItems, C::BoardItem],
        keys: &[Char('c')],
        label: "c",
        action: A::CloseItem,
        zh: "销号（须由报告人以外的人核实）",
        en: "close (checked by someone other than the reporter)",
    },
    Binding {
        ctx: &[C::BoardItems, C::BoardItem],
        keys: &[Char('t')],
        label: "t",
        action: A::ReturnItem,
        zh: "退回（须说明理由）",
        en: "return (needs a reason)",
    },
    Binding {
        ctx: &[C::BoardItems, C::BoardItem],
        keys: &[Char('f')],
        label: "f",
        action: A::Refer,
        zh: "移送问责线索（默认监督问责组）",
        en: "refer for accountability (to 监督问责组 unless changed)",
    },
    Binding {
        ctx: &[C::File],
        keys: &[Char('p')],
        label: "p",
        action: A::Pass,
        zh: "符合",
        en: "pass",
    },
    Binding {
        ctx: &[C::File],
        keys: &[Char('d')],
        label: "d",
        action: A::Deduct,
        zh: "扣分（填写问题描述）",
        en: "deduct (with a finding)",
    },
    Binding {
        ctx: &[C::File],
        keys: &[Char('n')],
        label: "n",
        action: A::Na,
        zh: "不适用",
        en: "not applicable",
    },
    Binding {
        ctx: &[C::File],
        keys: &[Char('v')],
        label: "v",
        action: A::Veto,
        zh: "否决（仅否决项）",
        en: "veto (veto items only)",
    },
    Binding {
        ctx: &[C::File],
        keys: &[Char('e')],
        label: "e",
        action: A::Edit,
        zh: "修改问题描述",
        en: "edit the finding",
    },
    Binding {
        ctx: &[C::File],
        keys: &[Char('x')],
        label: "x",
        action: A::Clear,
        zh: "撤销结论",
        en: "clear the decision",
    },
    Binding {
        ctx: &[C::File],
        keys: &[Char('F')],
        label: "F",
        action: A::Finalize,
        zh: "定稿（须全部评完）",
        en: "finalize (every item decided)",
    },
    Binding {
        ctx: &[C::File],
        keys: &[Char('R')],
        label: "R",
        action: A::Reopen,
        zh: "退回已定稿案卷（须说明理由）",
        en: "reopen a finalized file (needs a reason)",
    },
    Binding {
        ctx: &[C::File],
        keys: &[Char('1')],
        label: "1",
        action: A::TakeFirst,
        zh: "复核：采用第一位评查人的结论（须说明理由）",
        en: "checker: adopt the first reviewer's decision (needs a reason)",
    },
    Binding {
        ctx: &[C::File],
        keys: &[Char('2')],
        label: "2",
        action: A::TakeSecond,
        zh: "复核：采用第二位评查人的结论（须说明理由）",
        en: "checker: adopt the second reviewer's decision (needs a reason)",
    },
    Binding {
        ctx: &[C::Input],
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: A::Enter,
        zh: "保存",
        en: "save",
    },
    Binding {
        ctx: &[C::Input],
        keys: &[Code(KeyCode::Esc)],
        label: "Esc",
        action: A::Back,
        zh: "取消",
        en: "cancel",
    },
    Binding {
        ctx: &[C::Input],
        keys: &[Code(KeyCode::Up)],
        label: "Up",
        action: A::More,
        zh: "多扣一档（扣分时）",
        en: "one step more (when deducting)",
    },
    Binding {
        ctx: &[C::Input],
        keys: &[Code(KeyCode::Down)],
        label: "Down",
        action: A::Less,
        zh: "少扣一档（扣分时）",
        en: "one step less (when deducting)",
    },
    Binding {
        ctx: &[C::Form],
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: A::Enter,
        zh: "保存",
        en: "save",
    },
    Binding {
        ctx: &[C::Form],
        keys: &[Code(KeyCode::Esc)],
        label: "Esc",
        action: A::Back,
        zh: "取消（已输入的内容留作草稿）",
        en: "cancel (what was typed is kept as a draft)",
    },
    Binding {
        ctx: &[C::Form],
        keys: &[Code(KeyCode::Tab), Code(KeyCode::Down)],
        label: "Tab Down",
        action: A::NextField,
        zh: "下一栏",
        en: "next field",
    },
    Binding {
        ctx: &[C::Form],
        keys: &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
        label: "Up",
        action: A::PrevField,
        zh: "上一栏",
        en: "previous field",
    },
    Binding {
        ctx: &[C::Count],
        keys: &[Code(KeyCode::Enter), Code(KeyCode::Tab)],
        label: "Enter",
        action: A::Enter,
        zh: "确认编号；全部评价后保存",
        en: "confirm the serial; save a marked ballot",
    },
    Binding {
        ctx: &[C::Count],
        keys: &[Char('*'), Char('x')],
        label: "* x",
        action: A::Spoil,
        zh: "废票（校验码之后）",
        en: "spoiled ballot (after the check code)",
    },
    Binding {
        ctx: &[C::Count],
        keys: &[Code(KeyCode::Esc)],
        label: "Esc",
        action: A::Back,
        zh: "放弃这张票，从编号重新开始",
        en: "drop this ballot, start again at the serial",
    },
    Binding {
        ctx: &[C::Confirm],
        keys: &[Char('y'), Code(KeyCode::Enter)],
        label: "y",
        action: A::Yes,
        zh: "确认",
        en: "confirm",
    },
    Binding {
        ctx: &[C::Confirm],
        keys: &[Char('n'), Code(KeyCode::Esc)],
        label: "n",
        action: A::No,
        zh: "取消",
        en: "cancel",
    },
];

fn matches(k: &Key, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match (k, ev.code) {
        (Ctrl(c), KeyCode::Char(x)) => ctrl && x == *c,
        (Char(c), KeyCode::Char(x)) => !ctrl && x == *c,
        (Code(c), code) => *c == code,
        _ => false,
    }
}

/// The action a key means in `ctx`. In a text field only its own keys (and Ctrl-C) count, so
/// typing `q` into a finding types a `q`.
pub fn lookup(ctx: Context, ev: &KeyEvent) -> Option<Action> {
    let own = BINDINGS
        .iter()
        .filter(|b| b.ctx.contains(&ctx))
        .find(|b| b.keys.iter().any(|k| matches(k, ev)));
    if let Some(b) = own {
        // In a text field, printable keys are text except where the field binds them.
        return Some(b.action);
    }
    let text_entry = matches!(
        ctx,
        Context::Input | Context::Form | Context::Witnesses | Context::Seed
    );
    if text_entry {
        let ctrl_c = ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL);
        return match ev.code {
            KeyCode::Up | KeyCode::Down | KeyCode::Tab if ctx != Context::Input => BINDINGS
                .iter()
                .filter(|b| b.ctx.contains(&Context::Global))
                .find(|b| b.keys.iter().any(|k| matches(k, ev)))
                .map(|b| b.action),
            _ if ctrl_c => Some(Action::Quit),
            _ => None,
        };
    }
    if ctx == Context::Confirm {
        return None;
    }
    BINDINGS
        .iter()
        .filter(|b| b.ctx.contains(&Context::Global))
        .find(|b| b.keys.iter().any(|k| matches(k, ev)))
        .map(|b| b.action)
}

/// Rows for the help screen: this context's keys first, then the global ones.
pub fn help(ctx: Context) -> Vec<&'static Binding> {
    let mut rows: Vec<&Binding> = BINDINGS.iter().filter(|b| b.ctx.contains(&ctx)).collect();
    if !matches!(ctx, Context::Input | Context::Form | Context::Confirm) {
        rows.extend(BINDINGS.iter().filter(|b| b.ctx.contains(&Context::Global)));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn text_fields_take_letters() {
        assert_eq!(lookup(Context::File, &key('q')), Some(Action::Quit));
        assert_eq!(lookup(Context::Input, &key('q')), None);
        assert_eq!(lookup(Context::Input, &key('-')), None);
        let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(lookup(Context::Input, &up), Some(Action::More));
        assert_eq!(lookup(Context::Seed, &key('7')), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::Input, &ctrl_c), Some(Action::Quit));
        // A form's fields take letters too; Tab and the arrows move between the fields.
        assert_eq!(lookup(Context::Form, &key('p')), None);
        assert_eq!(lookup(Context::Form, &key('q')), None);
        assert_eq!(lookup(Context::BoardItem, &key('p')), Some(Action::Plan));
        let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
        assert_eq!(lookup(Context::Form, &tab), Some(Action::NextField));
        assert_eq!(lookup(Context::Form, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn no_key_means_two_things_in_one_place() {
        for ctx in [
            C::Overview,
            C::Witnesses,
            C::Seed,
            C::Result,
            C::Desk,
            C::File,
            C::Board,
            C::BoardItems,
            C::BoardItem,
            C::Input,
            C::Form,
            C::Confirm,
            C::Count,
        ] {
            let rows = help(ctx);
            for (i, a) in rows.iter().enumerate() {
                for b in &rows[i + 1..] {
                    // A local key may shadow a global one; two of the same level may not clash.
                    if a.ctx.contains(&ctx) != b.ctx.contains(&ctx) {
                        continue;
                    }
                    for ka in a.keys {
                        for kb in b.keys {
                            assert!(
                                format!("{ka:?}") != format!("{kb:?}"),
                                "{ctx:?}: {} and {}",
                                a.label,
                                b.label
                            );
                        }
                    }
                }
            }
        }
    }
}
