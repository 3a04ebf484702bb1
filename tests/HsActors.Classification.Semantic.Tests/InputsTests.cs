using HsActors.Classification.Listings;
using HsActors.Classification.Semantic.Evaluation;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Tests;

public sealed class InputsTests
{
    [Fact]
    public void ListingTextKeepsTheCategorysLastStepsAndMaterialOrTypeAttributes()
    {
        var input = ListingText.Compose(" Dragon Pendant ", "Jewelry & Accessories > Fashion Jewelry > Pendants",
            new Dictionary<string, string> { ["Brand Name"] = "NoEnName_Null", ["Material"] = "Zinc Alloy", ["Item Type"] = "Pendants" });
        Assert.Equal("Dragon Pendant. Fashion Jewelry, Pendants. Item Type: Pendants. Material: Zinc Alloy", input);
        Assert.Equal("bolt", ListingText.Compose("bolt", null, null));
    }

    [Fact]
    public void ScrapedCategoryStepsThatSayNothingArePassedOver()
    {
        // As marketplaces scrape: a mis-decoded step, a placeholder, an "obsolete" marker.
        Assert.Equal(["Jewelry & Accessories", "Fashion Jewelry", "Bracelets"],
            ListingText.CategoryStepsOf("Jewelry & Accessories > Fashion Jewelry > Bracelets > ___"));
        Assert.Equal(["Jewelry Making", "Jewelry Findings & Components"],
            ListingText.CategoryStepsOf("Jewelry Making > Jewelry Findings & Components(Old, Obsolete) > \u68e3_\u30b0__"));
        Assert.Equal("Wig. Human Wigs, Part Lace Wigs", ListingText.Compose("Wig", "Human Wigs > Part Lace Wigs > \u6fb6\u5bf8__", null));
        Assert.Empty(ListingText.CategoryStepsOf(" > ___ > "));
    }

    [Fact]
    public void ALineWithNothingBesideItsDescriptionIsReadAsItCame()
    {
        const string description = "  brake lever ";
        Assert.Same(description, ListingText.Compose(description, "  ", new Dictionary<string, string> { ["Brand Name"] = "KD" }));
    }

    [Fact]
    public void IndonesianDescriptionsAreToldFromEnglishOnes()
    {
        var detector = new IndonesianTextDetector(HsNomenclature.Bundled);
        Assert.True(detector.IsIndonesian("tas tangan dari kulit untuk wanita"));
        Assert.False(detector.IsIndonesian("women's leather handbag with zip"));
    }

    [Fact]
    public void ListingsAreReadWithSixDigitLabelsAndBadLinesSkipped()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                """{"title": "Cute Dragon Pendant", "attributes": {"Material": "Alloy"}, "category": "Jewelry > Pendants", "price": 3.2, "hs_code": "7117190000"}""",
                """{"title": "no code"}""",
                "not json",
            ]);
            Assert.True(MarketplaceListingFile.Recognises(path));
            var listings = MarketplaceListingFile.Read(path, out var skipped);
            Assert.Equal(2, skipped);
            var listing = Assert.Single(listings);
            Assert.Equal("711719", listing.Code.Digits);
            Assert.Equal("Alloy", listing.Attributes["Material"]);
            Assert.Equal("Jewelry > Pendants", listing.Category);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.False(File.Exists(path));
    }
}
