//! What a population is made of: case files (案卷, the default) or regulated entities (监管对象:
//! 企业, 个体工商户, 社会组织; `init --population entities`), from which the 民主评议 panel is
//! drawn. The two share every reader, layout rule, check and the draw; they differ in which
//! headers name which role, in the id check (an entity's id is its 统一社会信用代码, checked by
//! its check character), and in the words sheets and screens use.

use super::columns::{normalise, Role};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PopulationKind {
    #[default]
    Cases,
    Entities,
}

impl PopulationKind {
    pub fn is_cases(&self) -> bool {
        *self == PopulationKind::Cases
    }

    /// The id column's name on sheets.
    pub fn id_label(self, lang: Lang) -> &'static str {
        match self {
            PopulationKind::Cases => lang.pick("案号", "Case id"),
            PopulationKind::Entities => lang.pick("统一社会信用代码", "Credit code"),
        }
    }

    /// The title column's name on sheets.
    pub fn title_label(self, lang: Lang) -> &'static str {
        match self {
            PopulationKind::Cases => lang.pick("案件名称", "Case"),
            PopulationKind::Entities => lang.pick("名称", "Name"),
        }
    }

    /// Header texts recognised for `role` in a register of this kind, compared after
    /// `columns::normalise`.
    pub fn aliases(self, role: Role) -> &'static [&'static str] {
        match self {
            PopulationKind::Cases => role.aliases(),
            PopulationKind::Entities => entity_aliases(role),
        }
    }

    /// Whether the id column (with `--id-column`, the header given) is a 统一社会信用代码 column
    /// whose values must pass the check character.
    pub fn checks_credit_code(self, id_override: Option<&str>) -> bool {
        self == PopulationKind::Entities
            && id_override.is_none_or(|h| entity_aliases(Role::Id).contains(&normalise(h).as_str()))
    }
}

/// An entity list's headers. The id is the credit code; the agency role is the supervising
/// department (监管部门), the default stratum as the agency is for case files; the case type is
/// the entity's type (企业/个体工商户/社会组织); the party is the legal representative (a
/// person's name, kept private like a case's party); contacts are read for the invitation list
/// only. The risk roles do not apply to entities.
fn entity_aliases(role: Role) -> &'static [&'static str] {
    match role {
        Role::Id => &[
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "统一代码",
            "creditcode",
            "uscc",
        ],
        Role::Title => &[
            "名称",
            "企业名称",
            "单位名称",
            "主体名称",
            "市场主体名称",
            "经营者名称",
            "个体工商户名称",
            "组织名称",
            "社会组织名称",
            "监管对象名称",
            "对象名称",
            "name",
        ],
        Role::Agency => &[
            "监管部门",
            "主管部门",
            "行业主管部门",
            "监管单位",
            "监管机关",
            "业务主管单位",
            "supervisor",
            "department",
        ],
        Role::CaseType => &[
            "主体类型",
            "市场主体类型",
            "对象类型",
            "企业类型",
            "组织类型",
            "类型",
            "entitytype",
            "type",
        ],
        Role::Party => &[
            "法定代表人",
            "法定代表人姓名",
            "负责人",
            "经营者",
            "经营者姓名",
            "法人代表",
            "representative",
        ],
        Role::Contact => &["联系人", "联系人姓名", "contact", "contactperson"],
        Role::Phone => &[
            "联系电话",
            "联系方式",
            "电话",
            "手机",
            "手机号码",
            "移动电话",
            "phone",
            "telephone",
            "mobile",
        ],
        Role::Address => &[
            "地址",
            "住所",
            "经营场所",
            "注册地址",
            "经营地址",
            "住所地",
            "通讯地址",
            "address",
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entity_list_reads_its_own_headers() {
        let k = PopulationKind::Entities;
        assert!(k.aliases(Role::Id).contains(&"统一社会信用代码"));
        assert!(k.aliases(Role::Fine).is_empty());
        assert!(!PopulationKind::Cases
            .aliases(Role::Id)
            .contains(&"统一社会信用代码"));
        assert!(PopulationKind::Cases.aliases(Role::Phone).is_empty());
        assert!(k.checks_credit_code(None));
        assert!(k.checks_credit_code(Some("统一社会信用代码")));
        assert!(!k.checks_credit_code(Some("登记编号")));
        assert!(!PopulationKind::Cases.checks_credit_code(None));
    }
}
