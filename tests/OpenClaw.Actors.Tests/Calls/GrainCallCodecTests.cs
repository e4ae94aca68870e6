using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Metadata;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.Actors.Serialization;
using OpenClaw.Actors.Tests.TestGrains;

namespace OpenClaw.Actors.Tests.Calls;

/// <summary>Calls and answers encoded for the wire: arguments by declared type, deadlines, and exceptions that keep their type.</summary>
public sealed class GrainCallCodecTests
{
    private static readonly GrainCallCodec Codec = new(new GrainClassRegistry([new GrainClassRegistration(typeof(IPlacementGrain), typeof(PlacementGrain))]));
    private static readonly GrainMethodDescriptor Greet = GrainInterfaceMetadata.For<IPlacementGrain>().FindMethod(nameof(IPlacementGrain.GreetAsync))!;
    private static readonly GrainId Target = GrainId.Create("placement", "k/1");

    [Fact]
    public void Call_RoundTrip_KeepsTargetMethodArgumentsAndDeadline()
    {
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123);
        var call = new GrainCall(Target, Greet, [new Greeting("hi", 1, ["a", "b"])], deadline);

        var decoded = Codec.DecodeCall(Codec.EncodeCall(call, "c-1"));

        Assert.Equal(Target, decoded.Target);
        Assert.Same(Greet, decoded.Method);
        Assert.Equal(deadline, decoded.Deadline);
        var greeting = Assert.IsType<Greeting>(decoded.Arguments[0]);
        Assert.Equal(("hi", 1), (greeting.Text, greeting.Count));
        Assert.Equal(["a", "b"], greeting.Tags);
    }

    [Fact]
    public void Result_RoundTrip_IsDeserializedAsTheDeclaredType()
    {
        var call = new GrainCall(Target, Greet, [new Greeting("hi", 1, [])], DateTimeOffset.UnixEpoch);

        var result = Codec.DecodeResult(Codec.EncodeResult("c-1", Greet, new Greeting("x", 2, ["t"])), call);

        Assert.Equal("x", Assert.IsType<Greeting>(result).Text);
    }

    [Fact]
    public void Error_DomainException_KeepsCodeMessageAndRetryable()
    {
        var error = Assert.IsType<DomainException>(RoundTrip(new DomainException("BUSY", "A run is active.", retryable: true)));

        Assert.Equal(("BUSY", "A run is active.", true), (error.Code, error.Message, error.Retryable));
    }

    [Fact]
    public void Error_KnownTypes_AreRecreatedAsThemselves()
    {
        Assert.IsType<InconsistentStateException>(RoundTrip(new InconsistentStateException("stale")));
        Assert.IsType<TimeoutException>(RoundTrip(new TimeoutException("late")));
        Assert.IsType<ArgumentException>(RoundTrip(new ArgumentNullException("p")));
        Assert.IsType<InvalidOperationException>(RoundTrip(new InvalidOperationException("no")));
        Assert.IsType<OperationCanceledException>(RoundTrip(new TaskCanceledException("gone")));
        var overloaded = Assert.IsType<GrainOverloadedException>(RoundTrip(new GrainOverloadedException(Target, 7)));
        Assert.Equal((Target, 7), (overloaded.GrainId, overloaded.Limit));
        Assert.Equal("late", RoundTrip(new TimeoutException("late")).Message);
    }

    [Fact]
    public void Error_UnknownType_BecomesGrainInvocationExceptionWithOriginalTypeAndMessage()
    {
        var error = Assert.IsType<GrainInvocationException>(RoundTrip(new CustomTestException("boom")));

        Assert.Equal(typeof(CustomTestException).FullName, error.OriginalType);
        Assert.Contains("boom", error.Message);
        var again = Assert.IsType<GrainInvocationException>(RoundTrip(error)); // crossing twice does not nest
        Assert.Equal(error.Message, again.Message);
    }

    [Fact]
    public void Call_NonSerializableArgument_FailsToEncode()
    {
        var take = GrainInterfaceMetadata.For<IPlacementGrain>().FindMethod(nameof(IPlacementGrain.TakeAsync))!;
        var call = new GrainCall(Target, take, [new NotSerializable(typeof(int))], DateTimeOffset.UnixEpoch);

        Assert.Throws<NotSupportedException>(() => Codec.EncodeCall(call, "c-1"));
    }

    private static Exception RoundTrip(Exception exception)
    {
        var call = new GrainCall(Target, Greet, [null], DateTimeOffset.UnixEpoch);
        return Assert.ThrowsAny<Exception>(() => Codec.DecodeResult(Codec.EncodeError("c-1", exception), call));
    }
}
