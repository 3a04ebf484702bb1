using System.Collections.Frozen;

namespace HsActors.Text.Stemming;

/// <summary>The words where the English plural rules of <see cref="EnglishStemmer"/> would be wrong.</summary>
internal static class EnglishStemmingExceptions
{
    /// <summary>Irregular plurals and -ves/-ses plurals whose singular the suffix rules cannot guess.</summary>
    public static readonly FrozenDictionary<string, string> IrregularPlurals = new Dictionary<string, string>
    {
        ["men"] = "man", ["women"] = "woman", ["mens"] = "man", ["womens"] = "woman",
        ["children"] = "child", ["childrens"] = "child", ["feet"] = "foot", ["teeth"] = "tooth",
        ["geese"] = "goose", ["mice"] = "mouse", ["oxen"] = "ox", ["dice"] = "die",
        ["knives"] = "knife", ["wives"] = "wife", ["leaves"] = "leaf", ["shelves"] = "shelf", ["halves"] = "half",
        ["loaves"] = "loaf", ["calves"] = "calf", ["wolves"] = "wolf", ["thieves"] = "thief", ["scarves"] = "scarf",
        ["hooves"] = "hoof", ["buses"] = "bus", ["gases"] = "gas", ["lenses"] = "lens", ["canvases"] = "canvas",
        ["viruses"] = "virus", ["bonuses"] = "bonus", ["atlases"] = "atlas", ["aliases"] = "alias", ["biases"] = "bias",
        ["campuses"] = "campus", ["cactuses"] = "cactus", ["cacti"] = "cactus", ["fungi"] = "fungus",
        ["statuses"] = "status", ["censuses"] = "census", ["octopuses"] = "octopus", ["quizzes"] = "quiz",
        ["irises"] = "iris", ["chassises"] = "chassis",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Singular words ending in s that no suffix rule protects (-ss, -us and -is already are).</summary>
    public static readonly FrozenSet<string> SingularsEndingInS = new[]
    {
        "lens", "news", "means", "series", "species", "canvas", "atlas", "alias", "bias", "pancreas", "christmas",
        "xmas", "kudos", "chaos", "always", "perhaps", "whereas", "towards", "afterwards", "headquarters",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Singulars in -ie, whose plural -ies must not become -y (movies -> movie, not movy).</summary>
    public static readonly FrozenSet<string> SingularsEndingInIe = new[]
    {
        "movie", "cookie", "zombie", "calorie", "hoodie", "brownie", "necktie", "smoothie", "selfie", "beanie",
        "lingerie", "prairie", "rookie", "genie", "collie", "pixie", "goalie", "birdie", "bootie", "nightie",
        "onesie", "veggie", "budgie", "walkie", "talkie", "sortie", "bowtie", "pinkie", "auntie", "cutie",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Singulars in -oe: shoes -> shoe, whereas tomatoes -> tomato.</summary>
    public static readonly FrozenSet<string> SingularsEndingInOe = new[]
    {
        "shoe", "toe", "hoe", "canoe", "floe", "oboe", "sloe", "tiptoe", // and every compound ending in "shoe"
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// English nouns in -a whose plural is -as. Any other word in -as keeps its s: in mixed Indonesian text
    /// "kertas", "kapas", "beras", "gelas" are far more common than English -a plurals.
    /// </summary>
    public static readonly FrozenSet<string> SingularsEndingInA = new[]
    {
        "camera", "sofa", "umbrella", "banana", "antenna", "formula", "area", "idea", "replica", "pizza", "tortilla",
        "vodka", "agenda", "arena", "bandana", "cola", "soda", "tuna", "salsa", "pasta", "panda", "zebra", "cobra",
        "gorilla", "koala", "llama", "alpaca", "villa", "visa", "sauna", "tiara", "viola", "cinema", "drama",
        "pyjama", "pajama", "opera", "guava", "papaya", "pita", "paprika", "vanilla", "marina", "ballerina", "hyena",
        "mocha", "bra", "spa", "tuba", "quota", "diploma", "okra", "cassava", "lasagna", "gondola", "pergola",
        "veranda", "era", "plasma", "retina", "mantra", "samosa", "toga", "gardenia", "begonia", "magnolia",
        "petunia", "orchestra", "harmonica", "maraca", "ocarina", "marimba", "balaclava", "parka", "abaya",
        "burqa", "fedora", "piranha", "tilapia", "sardina", "orca", "mascara", "camisa", "bermuda",
    }.ToFrozenSet(StringComparer.Ordinal);
}
