using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class PriorityWeightsTests
{
    [Theory]
    [InlineData(TokenSource.Emergency, 1000)]
    [InlineData(TokenSource.Priority, 500)]
    [InlineData(TokenSource.FollowUp, 300)]
    [InlineData(TokenSource.Online, 200)]
    [InlineData(TokenSource.WalkIn, 100)]
    public void Default_weight_per_source(TokenSource source, int expected)
    {
        Assert.Equal(expected, PriorityWeights.Default.For(source));
    }

    [Fact]
    public void Default_weights_are_1000_500_300_200_100()
    {
        Assert.Equal(new PriorityWeights(Emergency: 1000, Priority: 500, FollowUp: 300, Online: 200, WalkIn: 100), PriorityWeights.Default);
    }

    [Theory]
    [InlineData(TokenSource.Emergency, 11)]
    [InlineData(TokenSource.Priority, 22)]
    [InlineData(TokenSource.FollowUp, 33)]
    [InlineData(TokenSource.Online, 44)]
    [InlineData(TokenSource.WalkIn, 55)]
    public void For_reads_the_weight_of_its_own_source(TokenSource source, int expected)
    {
        var weights = new PriorityWeights(Emergency: 11, Priority: 22, FollowUp: 33, Online: 44, WalkIn: 55);

        Assert.Equal(expected, weights.For(source));
    }

    [Fact]
    public void Unknown_source_is_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PriorityWeights.Default.For((TokenSource)99));
    }
}
