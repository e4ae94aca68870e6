namespace OpenClaw.Actors.Tests.Storage;

/// <summary>
/// The IGrainStorage contract every storage must keep (Orleans' semantics): reads of missing records give a fresh
/// state, every write and clear is conditional on the ETag, so a stale activation gets a conflict instead of
/// overwriting newer state. Run against each storage by a derived class.
/// </summary>
public abstract class GrainStorageContractTests
{
    protected const string StateName = "state";

    protected abstract IGrainStorage Storage { get; }

    protected static GrainId NewGrainId(string type = "counter") => GrainId.Create(type, Guid.NewGuid().ToString("N"));

    protected async Task<TestGrainState<CounterState>> WriteNewAsync(GrainId grainId, int value, string stateName = StateName)
    {
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = value } };
        await Storage.WriteStateAsync(stateName, grainId, state);
        return state;
    }

    protected async Task<TestGrainState<CounterState>> ReadAsync(GrainId grainId, string stateName = StateName)
    {
        var state = new TestGrainState<CounterState>();
        await Storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    [Fact]
    public async Task Read_MissingRecord_ReturnsFreshStateWithoutEtag()
    {
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = 7 }, ETag = "5", RecordExists = true };

        await Storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State.Value);
    }

    [Fact]
    public async Task Write_ThenRead_RoundTripsStateAndEtag()
    {
        var grainId = NewGrainId();
        var written = await WriteNewAsync(grainId, 42);
        written.State.Items.Add("x");
        await Storage.WriteStateAsync(StateName, grainId, written);

        var read = await ReadAsync(grainId);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(42, read.State.Value);
        Assert.Equal(["x"], read.State.Items);
    }

    [Fact]
    public async Task Write_EachWrite_IncreasesTheVersionEtag()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, 1);
        var first = long.Parse(state.ETag!);

        await Storage.WriteStateAsync(StateName, grainId, state);
        var second = long.Parse(state.ETag!);

        Assert.True(second > first, $"{second} should be greater than {first}");
    }

    [Fact]
    public async Task Write_WithStaleEtag_ThrowsInconsistentStateWithBothEtags()
    {
        var grainId = NewGrainId();
        var winner = await WriteNewAsync(grainId, 1);
        var stale = await ReadAsync(grainId);
        winner.State.Value = 2;
        await Storage.WriteStateAsync(StateName, grainId, winner);

        stale.State.Value = 3;
        var staleEtag = stale.ETag;
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));

        Assert.Equal(winner.ETag, conflict.StoredEtag);
        Assert.Equal(staleEtag, conflict.CurrentEtag);
        Assert.Equal(2, (await ReadAsync(grainId)).State.Value);
    }

    [Fact]
    public async Task Write_WithNullEtagOverExistingRecord_Throws()
    {
        var grainId = NewGrainId();
        await WriteNewAsync(grainId, 1);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteNewAsync(grainId, 2));

        Assert.Equal(1, (await ReadAsync(grainId)).State.Value);
    }

    [Fact]
    public async Task Write_WithEtagWhenNoRecordExists_Throws()
    {
        var state = new TestGrainState<CounterState> { ETag = "1" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, NewGrainId(), state));
    }

    [Fact]
    public async Task Write_ConcurrentWritersWithSameEtag_ExactlyOneSucceeds()
    {
        var grainId = NewGrainId();
        await WriteNewAsync(grainId, 0);
        var writers = new List<TestGrainState<CounterState>>();
        for (var i = 0; i < 8; i++) writers.Add(await ReadAsync(grainId));

        var results = await Task.WhenAll(writers.Select(async (writer, i) =>
        {
            writer.State.Value = i + 1;
            try
            {
                await Storage.WriteStateAsync(StateName, grainId, writer);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(results, ok => ok);
    }

    [Fact]
    public async Task Clear_WithCurrentEtag_RemovesTheRecord()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, 5);

        await Storage.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State.Value);
        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Clear_WithStaleEtag_ThrowsAndKeepsTheRecord()
    {
        var grainId = NewGrainId();
        var winner = await WriteNewAsync(grainId, 1);
        var stale = await ReadAsync(grainId);
        await Storage.WriteStateAsync(StateName, grainId, winner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, stale));

        Assert.True((await ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task Clear_ThenCreateAgain_EtagFromBeforeTheClearStillConflicts()
    {
        var grainId = NewGrainId();
        var original = await WriteNewAsync(grainId, 1);
        var staleBeforeClear = await ReadAsync(grainId);
        await Storage.ClearStateAsync(StateName, grainId, original);

        var recreated = await WriteNewAsync(grainId, 2);

        Assert.NotEqual(staleBeforeClear.ETag, recreated.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, staleBeforeClear));
        Assert.Equal(2, (await ReadAsync(grainId)).State.Value);
    }

    [Fact]
    public async Task Clear_MissingRecordWithNullEtag_IsANoOp()
    {
        var state = new TestGrainState<CounterState>();

        await Storage.ClearStateAsync(StateName, NewGrainId(), state);

        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Write_DifferentStateNamesTypesAndKeys_AreIndependent()
    {
        var grainId = NewGrainId("alpha");
        var otherType = GrainId.Create("beta", grainId.Key);
        await WriteNewAsync(grainId, 1, "one");
        await WriteNewAsync(grainId, 2, "two");
        await WriteNewAsync(otherType, 3, "one");

        Assert.Equal(1, (await ReadAsync(grainId, "one")).State.Value);
        Assert.Equal(2, (await ReadAsync(grainId, "two")).State.Value);
        Assert.Equal(3, (await ReadAsync(otherType, "one")).State.Value);
    }

    [Fact]
    public async Task Read_ReturnsACopy_MutatingItDoesNotChangeStoredState()
    {
        var grainId = NewGrainId();
        var written = await WriteNewAsync(grainId, 1);
        written.State.Value = 99;
        written.State.Items.Add("not saved");

        var first = await ReadAsync(grainId);
        first.State.Items.Add("also not saved");
        var second = await ReadAsync(grainId);

        Assert.Equal(1, second.State.Value);
        Assert.Empty(second.State.Items);
    }
}
