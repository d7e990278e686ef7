//! The campaign problem categories that findings are reported under, as the source work plans
//! define them. A campaign picks one set; every checklist item names its category in each set.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[derive(clap::ValueEnum)]
pub enum CategorySet {
    /// 攸县专项整治方案（四类问题，附件2 问题清单、附件3 统计表）
    Youxian,
    /// 柳林县突出问题专项整治（“八个方面”）
    Liulin,
    /// 湖南省发改系统专项整治方案（七类问题）
    Hunan,
}

impl CategorySet {
    pub const ALL: [CategorySet; 3] = [
        CategorySet::Youxian,
        CategorySet::Liulin,
        CategorySet::Hunan,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CategorySet::Youxian => "youxian",
            CategorySet::Liulin => "liulin",
            CategorySet::Hunan => "hunan",
        }
    }

    pub fn from_key(key: &str) -> Option<CategorySet> {
        CategorySet::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn title(self) -> &'static str {
        match self {
            CategorySet::Youxian => "攸县行政执法突出问题专项整治（四类问题）",
            CategorySet::Liulin => "柳林县行政执法突出问题专项整治（八个方面）",
            CategorySet::Hunan => "湖南省发展改革系统行政执法领域突出问题专项整治（七类问题）",
        }
    }

    /// The categories in the order the source document lists them (and the forms print them).
    pub fn categories(self) -> &'static [&'static str] {
        match self {
            CategorySet::Youxian => &[
                "选择性执法问题",
                "随意性执法问题",
                "机械性执法问题",
                "逐利性执法问题",
                "回应群众诉求方面",
            ],
            CategorySet::Liulin => &[
                "运动式执法问题",
                "“一刀切”执法问题",
                "简单粗暴执法问题",
                "野蛮执法问题",
                "过度执法问题",
                "机械执法问题",
                "逐利执法问题",
                "其他问题",
            ],
            CategorySet::Hunan => &[
                "执法不作为",
                "执法慢作为",
                "执法乱作为",
                "执法不文明不规范",
                "逐利执法",
                "执法制度执行不力",
                "其他行政执法突出问题",
            ],
        }
    }
}
