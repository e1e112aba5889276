namespace KolibriSlices.Features.Content;

/// <summary>
/// le-utils 0.2.7 label vocabularies in bit order: the bitmask columns and the <c>labels</c> facets follow this order.
/// A node "carries" a label when the label id is a substring of its stored comma text (so parents match sub-categories).
/// </summary>
public static class ContentLabels
{
    public static readonly string[] LearningActivities =
    [
        "UXADWcXZ", // CREATE
        "#j8L0eq3", // EXPLORE
        "mkA1R3NU", // LISTEN
        "VwRCom7G", // PRACTICE
        "wA01urpi", // READ
        "3dSeJhqs", // REFLECT
        "UD5UGM0z", // WATCH
    ];

    public static readonly string[] AccessibilityLabels =
    [
        "Lb0tb9VC", // ALT_TEXT
        "LNqKSN9j", // AUDIO_DESCRIPTION
        "WnIhbgkY", // CAPTIONS_SUBTITLES
        "uF4CI2wP", // HIGH_CONTRAST
        "Dr4cVXkc", // SIGN_LANGUAGE
        "Kxx#meDW", // TAGGED_PDF
    ];

    public static readonly string[] GradeLevels =
    [
        "H64ZOHfi", // BASIC_SKILLS
        "wnarlxKo", // LOWER_PRIMARY
        "eLt0Mbu4", // LOWER_SECONDARY
        "FOhG0ib", // PRESCHOOL
        "ZrgBU73s", // PROFESSIONAL
        "FYxwbxts", // TERTIARY
        "BkGYi3lD", // UPPER_PRIMARY
        "ZEjiwvOb", // UPPER_SECONDARY
        "Z#97dvst", // WORK_SKILLS
    ];

    public static readonly string[] LearnerNeeds =
    [
        "sccgQZDd.sAQsauuo", // FOR_BEGINNERS
        "Hsw9k7Bz.G4h2UBuK", // INTERNET
        "Hsw9k7Bz", // MATERIALS
        "Hsw9k7Bz.#lLv#LB7", // OTHER_SUPPLIES
        "Hsw9k7Bz.OFIbUAK9", // PAPER_PENCIL
        "lsoCk5Uy.MKIzZKDO", // PEERS
        "lsoCk5Uy", // PEOPLE
        "sccgQZDd", // PRIOR_KNOWLEDGE
        "Hsw9k7Bz.dbXQw755", // SPECIAL_SOFTWARE
        "lsoCk5Uy.H&MVs7S#", // TEACHER
    ];

    public static readonly string[] Categories =
    [
        "d&WXdXWF.qs0Xlaxq.0t5msbL5", // ALGEBRA
        "d&WXdXWF.K80UMYnW.ViBlbQR&", // ANTHROPOLOGY
        "d&WXdXWF.qs0Xlaxq.nG96nHDc", // ARITHMETIC
        "d&WXdXWF.5QAjgfv7", // ARTS
        "d&WXdXWF.i1IdaNwr.mjSF4QlF", // ASTRONOMY
        "d&WXdXWF.i1IdaNwr.uErN4PdS", // BIOLOGY
        "d&WXdXWF.qs0Xlaxq.8rJ57ht6", // CALCULUS
        "d&WXdXWF.i1IdaNwr.#r5ocgid", // CHEMISTRY
        "d&WXdXWF.K80UMYnW.F863vKiF", // CIVIC_EDUCATION
        "d&WXdXWF.e#RTW9E#", // COMPUTER_SCIENCE
        "PbGoe2MV.J7CU1IxN", // CURRENT_EVENTS
        "PbGoe2MV", // DAILY_LIFE
        "d&WXdXWF.5QAjgfv7.BUMJJBnS", // DANCE
        "BCG3&slG.wZ3EAedB", // DIGITAL_LITERACY
        "PbGoe2MV.EHcbjuKq", // DIVERSITY
        "d&WXdXWF.5QAjgfv7.XsWznP4o", // DRAMA
        "d&WXdXWF.i1IdaNwr.zbDzxDE7", // EARTH_SCIENCE
        "PbGoe2MV.kyxTNsRS", // ENTREPRENEURSHIP
        "PbGoe2MV.tS7WKnZ7", // ENVIRONMENT
        "PbGoe2MV.HGIc9sZq", // FINANCIAL_LITERACY
        "ziJ6PCuU", // FOR_TEACHERS
        "BCG3&slG", // FOUNDATIONS
        "BCG3&slG.0&d0qTqS", // FOUNDATIONS_LOGIC_AND_CRITICAL_THINKING
        "d&WXdXWF.qs0Xlaxq.lb7ELcK5", // GEOMETRY
        "ziJ6PCuU.RLfhp37t", // GUIDES
        "d&WXdXWF.zWtcJ&F2", // HISTORY
        "l7DsPDlm.ISEXeZt&.pRvOzJTE", // INDUSTRY_AND_SECTOR_SPECIFIC
        "d&WXdXWF.JDUfJNXc", // LANGUAGE_LEARNING
        "BCG3&slG.fP2j70bj", // LEARNING_SKILLS
        "ziJ6PCuU.lOBPr5ix", // LESSON_PLANS
        "BCG3&slG.HLo9TbNq", // LITERACY
        "d&WXdXWF.kHKJ&PbV.DJLBbaEk", // LITERATURE
        "d&WXdXWF.kHKJ&PbV.YMBXStib", // LOGIC_AND_CRITICAL_THINKING
        "d&WXdXWF.qs0Xlaxq", // MATHEMATICS
        "d&WXdXWF.e#RTW9E#.8ZoaPsVW", // MECHANICAL_ENGINEERING
        "PbGoe2MV.UOTL#KIV", // MEDIA_LITERACY
        "PbGoe2MV.d8&gCo2N", // MENTAL_HEALTH
        "d&WXdXWF.5QAjgfv7.u0aKjT4i", // MUSIC
        "BCG3&slG.Tsyej9ta", // NUMERACY
        "d&WXdXWF.i1IdaNwr.r#wbt#jF", // PHYSICS
        "d&WXdXWF.K80UMYnW.K72&pITr", // POLITICAL_SCIENCE
        "l7DsPDlm.#N2VymZo", // PROFESSIONAL_SKILLS
        "d&WXdXWF.e#RTW9E#.CfnlTDZ#", // PROGRAMMING
        "PbGoe2MV.kivAZaeX", // PUBLIC_HEALTH
        "d&WXdXWF.kHKJ&PbV", // READING_AND_WRITING
        "d&WXdXWF.kHKJ&PbV.r7RxB#9t", // READING_COMPREHENSION
        "d&WXdXWF", // SCHOOL
        "d&WXdXWF.i1IdaNwr", // SCIENCES
        "l7DsPDlm.ISEXeZt&.&1WpYE&n", // SKILLS_TRAINING
        "d&WXdXWF.K80UMYnW", // SOCIAL_SCIENCES
        "d&WXdXWF.K80UMYnW.75WBu1ZS", // SOCIOLOGY
        "d&WXdXWF.qs0Xlaxq.jNm15RLB", // STATISTICS
        "l7DsPDlm.ISEXeZt&", // TECHNICAL_AND_VOCATIONAL_TRAINING
        "l7DsPDlm.ISEXeZt&.1JfIbP&N", // TOOLS_AND_SOFTWARE_TRAINING
        "d&WXdXWF.5QAjgfv7.4LskOFXj", // VISUAL_ART
        "d&WXdXWF.e#RTW9E#.P7s8FxQ8", // WEB_DESIGN
        "l7DsPDlm", // WORK
        "d&WXdXWF.kHKJ&PbV.KFJOCr&6", // WRITING
    ];

    public static readonly string[] ResourceTypes =
    [
        "J45AL9Nb", // ACTIVITY
        "0Et83gje", // BOOK
        "WEEETopZ", // EXERCISE
        "9dUN1LWT", // GAME
        "204TGB4U", // GUIDE
        "xgFjFhrA", // LESSON
        "OqyPqhxW", // LESSON_PLAN
        "rReY3LOO", // MEDIA
        "LQYjqpA", // TEXTBOOK
        "WtHeUU1", // TUTORIAL
    ];

    /// <summary>The vocabularies that have a bitmask column and a facet, by column name.</summary>
    public static readonly IReadOnlyList<(string Field, string[] Labels)> Faceted =
    [
        ("learning_activities", LearningActivities),
        ("categories", Categories),
        ("grade_levels", GradeLevels),
        ("accessibility_labels", AccessibilityLabels),
        ("learner_needs", LearnerNeeds),
    ];

    /// <summary>Bit j set when the j-th label is a substring of <paramref name="text"/>.</summary>
    public static long Bitmask(string[] vocabulary, string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        long mask = 0;
        for (var j = 0; j < vocabulary.Length; j++)
            if (text.Contains(vocabulary[j], StringComparison.Ordinal)) mask |= 1L << j;
        return mask;
    }
}
