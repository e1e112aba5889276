using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace KolibriSlices.Infrastructure.Database;

/// <summary>
/// Open SQLite connections that keep their compiled statements. Microsoft.Data.Sqlite compiles a command's SQL anew for
/// every command object (dotnet/efcore#14044), and Dapper makes one command per call: on this API's short queries the
/// compiling was a third of the work of a request. A connection rented here hands out commands that run a statement
/// compiled once per SQL text and connection, and goes back to the pool open, statements and all.
/// </summary>
internal sealed class SqliteConnectionPool : IDisposable
{
    private readonly string _connectionString;

    public SqliteConnectionPool(string connectionString)
    {
        _connectionString = connectionString;
        SqliteLibrary.Configure();
    }

    /// <summary>Idle connections kept; more are closed when returned (a burst of concurrency does not stay resident).</summary>
    private const int MaxIdle = 32;
    private readonly ConcurrentBag<StatementCachingConnection> _idle = [];

    public async Task<StatementCachingConnection> RentAsync(Func<SqliteConnection, CancellationToken, Task> configure, CancellationToken ct)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.State == ConnectionState.Open) return idle;
            await idle.DisposeAsync();
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await configure(connection, ct);
        return new StatementCachingConnection(connection);
    }

    /// <summary>Takes a connection back once its caller is done with it (no transaction, no open reader).</summary>
    public void Return(StatementCachingConnection connection)
    {
        if (connection.State == ConnectionState.Open && _idle.Count < MaxIdle) _idle.Add(connection);
        else connection.Dispose();
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var idle)) idle.Dispose();
    }
}

/// <summary>A SqliteConnection whose commands reuse one compiled statement per SQL text (up to a limit).</summary>
internal sealed class StatementCachingConnection(SqliteConnection inner) : DbConnection
{
    private const int MaxStatements = 256;
    private readonly Dictionary<string, SqliteCommand> _statements = [];

    public SqliteConnection Inner { get; } = inner;

    /// <summary>The compiled command for <paramref name="sql"/>, taken out of the cache while in use (so a nested use of
    /// the same SQL gets a command of its own).</summary>
    internal SqliteCommand Take(string sql)
    {
        if (_statements.Remove(sql, out var cached)) return cached;
        var command = Inner.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    internal void Give(SqliteCommand command)
    {
        command.Transaction = null;
        command.Parameters.Clear();
        if (State != ConnectionState.Open || _statements.Count >= MaxStatements || !_statements.TryAdd(command.CommandText, command))
            command.Dispose();
    }

    protected override DbCommand CreateDbCommand() => new StatementCachingCommand(this);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => Inner.BeginTransaction(isolationLevel);

    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => throw new NotSupportedException();
    }

    public override string Database => Inner.Database;
    public override string DataSource => Inner.DataSource;
    public override string ServerVersion => Inner.ServerVersion;
    public override ConnectionState State => Inner.State;
    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);
    public override void Open() => Inner.Open();
    public override void Close() => Inner.Close();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in _statements.Values) command.Dispose();
            _statements.Clear();
            Inner.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// What Dapper (or any caller) gets from <see cref="StatementCachingConnection.CreateCommand"/>: it collects the text and
/// parameters, runs them on the connection's compiled command for that text, and gives that command back when disposed.
/// </summary>
internal sealed class StatementCachingCommand(StatementCachingConnection connection) : DbCommand
{
    private readonly SqliteCommand _parameters = new();
    private SqliteCommand? _running;

    [AllowNull]
    public override string CommandText { get; set; } = "";
    public override int CommandTimeout { get; set; } = 30;
    public override CommandType CommandType { get; set; } = CommandType.Text;
    public override bool DesignTimeVisible { get; set; }
    public override UpdateRowSource UpdatedRowSource { get; set; }
    protected override DbConnection? DbConnection { get => connection; set => throw new NotSupportedException(); }
    protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;
    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel() => _running?.Cancel();
    protected override DbParameter CreateDbParameter() => new SqliteParameter();
    public override void Prepare() { }

    /// <summary>The compiled command for the current text, with this command's parameters and transaction.</summary>
    private SqliteCommand Ready()
    {
        if (_running is not null && _running.CommandText != CommandText)
        {
            connection.Give(_running);
            _running = null;
        }
        _running ??= connection.Take(CommandText);
        _running.Transaction = (SqliteTransaction?)DbTransaction;
        _running.CommandTimeout = CommandTimeout;
        _running.Parameters.Clear();
        foreach (SqliteParameter parameter in _parameters.Parameters) _running.Parameters.Add(parameter);
        return _running;
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Ready().ExecuteReader(behavior);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken ct) =>
        await Ready().ExecuteReaderAsync(behavior, ct);

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();
    public override Task<int> ExecuteNonQueryAsync(CancellationToken ct) => Ready().ExecuteNonQueryAsync(ct);
    public override object? ExecuteScalar() => Ready().ExecuteScalar();
    public override Task<object?> ExecuteScalarAsync(CancellationToken ct) => Ready().ExecuteScalarAsync(ct);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _running is not null)
        {
            connection.Give(_running);
            _running = null;
        }
        if (disposing) _parameters.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// Process-wide settings of the SQLite library, made before its first connection opens (SQLite takes them only then).
/// </summary>
internal static class SqliteLibrary
{
    private const int SqliteConfigMultiThread = 2;
    private const int SqliteConfigMemStatus = 9;

    /// <summary>
    /// Turns off SQLite's memory statistics: with them on, every allocation of every connection takes one global mutex.
    /// A trigram search on two threads ran at 0.7 of one thread's rate with them, and at 1.9 times without.
    /// Nothing here reads those statistics. Called again after the first open, SQLite refuses and nothing changes.
    /// <para>
    /// Also the multi-thread mode: a connection and its statements take no mutex of their own on every call (step,
    /// each column read), which was 6 % of the CPU of a classroom page. It asks that no connection be used by two threads
    /// at once, which the pool guarantees (one request holds a connection until it gives it back) and Microsoft.Data.Sqlite
    /// asks anyway; the library's shared structures keep their mutexes.
    /// </para>
    /// </summary>
    public static void Configure() => _ = Once.Value;

    private static readonly Lazy<int> Once = new(() =>
    {
        KeepFreedHeap();
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_config(SqliteConfigMultiThread);
        return SQLitePCL.raw.sqlite3_config(SqliteConfigMemStatus, 0);
    });

    /// <summary>
    /// SQLite builds the temporary b-trees of a query (an <c>IN</c> list, a sort, a <c>DISTINCT</c>) in page caches it
    /// mallocs and frees on every run. glibc hands a thread arena's freed top back to the kernel once it passes 128 KB, so
    /// the next query page-faulted the same memory in again: on a fresh server a user search served 1,375 requests/s at
    /// 1.39 ms of CPU each, 2,400 at 0.78 ms with freed memory kept. glibc raises its thresholds by itself after the
    /// first large allocation is freed, which a server may or may not meet; they are set here instead (2 MB kept free per
    /// arena at most, allocations under 1 MB from the heap; 16 and 4 MB served no faster).
    /// The cost is the memory kept: about 5 MB more at the peak of a run of every read scenario.
    /// </summary>
    private static void KeepFreedHeap()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallOpt(MTrimThreshold, 2 << 20);
            _ = MallOpt(MMmapThreshold, 1 << 20);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc (musl has neither this library name nor these thresholds)
        }
    }

    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    [System.Runtime.InteropServices.DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);
}
