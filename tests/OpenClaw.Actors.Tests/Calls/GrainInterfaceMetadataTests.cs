using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Metadata;
using OpenClaw.Actors.Tests.TestGrains;

namespace OpenClaw.Actors.Tests.Calls;

/// <summary>Grain interfaces are named and validated once, and an invalid one fails with a message saying what to change.</summary>
public sealed class GrainInterfaceMetadataTests
{
    public interface IChatSessionGrain : IGrainWithStringKey
    {
        Task<int> CountAsync(CancellationToken cancellationToken = default);
    }

    [GrainType("custom-name")]
    public interface INamedGrain : IGrainWithStringKey
    {
        Task PingAsync();
    }

    public interface IOverloadedGrain : IGrainWithStringKey
    {
        Task SendAsync(string text);
        Task SendAsync(int number);
    }

    public interface ITokenFirstGrain : IGrainWithStringKey
    {
        Task SendAsync(CancellationToken cancellationToken, string text);
    }

    public interface IValueTaskGrain : IGrainWithStringKey
    {
        ValueTask<int> GetAsync();
    }

    [Fact]
    public void GrainType_WithoutAttribute_IsInterfaceNameWithoutIAndGrainLowerCased()
    {
        Assert.Equal("chatsession", GrainInterfaceMetadata.For<IChatSessionGrain>().GrainType.Value);
        Assert.Equal("custom-name", GrainInterfaceMetadata.For<INamedGrain>().GrainType.Value);
    }

    [Fact]
    public void Methods_InheritedAndFlagged_AreInTheTableWithTheirFlags()
    {
        var metadata = GrainInterfaceMetadata.For<IReentrantOrderGrain>();

        Assert.Equal("reentrantorder", metadata.GrainType.Value);
        Assert.True(metadata.FindMethod(nameof(IOrderGrain.GetLogAsync))!.AlwaysInterleave);
        Assert.True(metadata.FindMethod(nameof(IOrderGrain.HoldReadOnlyAsync))!.ReadOnly);
        var wait = metadata.FindMethod(nameof(IOrderGrain.WaitForCancellationAsync))!;
        Assert.Equal(0, wait.CancellationTokenIndex);
        Assert.Empty(wait.ParameterTypes);
    }

    [Fact]
    public void Validation_OverloadedMethod_FailsNamingTheMethod()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GrainInterfaceMetadata.For<IOverloadedGrain>());
        Assert.Contains("SendAsync is overloaded", error.Message);
    }

    [Fact]
    public void Validation_CancellationTokenNotLast_Fails()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GrainInterfaceMetadata.For<ITokenFirstGrain>());
        Assert.Contains("CancellationToken as the last parameter", error.Message);
    }

    [Fact]
    public void Validation_NonTaskReturn_FailsAgainOnEveryUse()
    {
        var first = Assert.Throws<InvalidOperationException>(() => GrainInterfaceMetadata.For<IValueTaskGrain>());
        var second = Assert.Throws<InvalidOperationException>(() => GrainInterfaceMetadata.For(typeof(IValueTaskGrain)));
        Assert.Contains("must return Task or Task<T>", first.Message);
        Assert.Equal(first.Message, second.Message);
    }

    [Fact]
    public void CallOptions_NonPositiveTimeout_FailValidationNamingTheOption()
    {
        var result = new GrainCallOptionsValidator().Validate(null, new GrainCallOptions { ResponseTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("ResponseTimeout is set to 00:00:00", result.FailureMessage);
    }
}
