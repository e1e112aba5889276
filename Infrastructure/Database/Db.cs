using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KolibriSlices.Infrastructure.Database;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// The one way into the database for every slice, on SQLite and PostgreSQL alike. SQL is written once in the
/// subset both engines share; the only rewrite is Dapper's list expansion (`IN @ids`), which Npgsql takes as an
/// array instead (`= ANY(@ids)`).
/// </summary>
public sealed partial class Db : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, string> PostgresSql = new();
    private static readonly ConcurrentDictionary<string, string> SqliteSql = new();
    private readonly NpgsqlDataSource? _postgres;
    private readonly SqliteConnectionPool? _sqlite;

    /// <summary>
    /// SQLite takes one writer at a time; writers of this process queue here instead of in SQLite's busy handler,
    /// which sleeps in steps of milliseconds. (Other processes, e.g. importchannel, still meet the busy timeout.)
    /// </summary>
    internal SemaphoreSlim SqliteWriter { get; } = new(1, 1);

    public Db(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            // The same idea as the SQLite statement cache: Npgsql prepares a statement once it has been run twice on a
            // physical connection, unless the operator's connection string says otherwise.
            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) settings.MaxAutoPrepare = 128;
            _postgres = NpgsqlDataSource.Create(settings.ConnectionString);
        }
        else
            _sqlite = new SqliteConnectionPool(connectionString);
    }

    /// <summary>
    /// Whether <paramref name="e"/> says the database could not serve the request for now, so that the same request may
    /// succeed later: this process's writer queue or SQLite's busy timeout ran out (another process holding the write
    /// lock), or PostgreSQL refused or lost the connection (Npgsql's transient errors: too many connections, shutdown).
    /// </summary>
    public static bool IsBusy(Exception e) => e switch
    {
        DatabaseBusyException => true,
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        NpgsqlException { IsTransient: true } => true,
        _ => false,
    };

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    public async Task<DbConn> OpenAsync(CancellationToken ct = default)
    {
        if (_postgres is not null)
            return new DbConn(await _postgres.OpenConnectionAsync(ct), this);

        return new DbConn(await _sqlite!.RentAsync(ConfigureAsync, ct), this);
    }

    /// <summary>Per physical connection; a rented one keeps them.</summary>
    private static async Task ConfigureAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(ct);
    }

    internal void Return(StatementCachingConnection connection) => _sqlite!.Return(connection);

    /// <summary>Opens a connection, runs <paramref name="work"/> in one write transaction and commits.</summary>
    public async Task<T> WriteAsync<T>(Func<DbConn, Task<T>> work, CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await conn.BeginWriteAsync(ct);
        var result = await work(conn);
        await conn.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// The dialect's form of a list parameter (see <see cref="ListParameter{T}"/>): <c>IN @ids</c> becomes
    /// <c>IN (SELECT value FROM json_each(@ids))</c> on SQLite and <c>= ANY(@ids)</c> on PostgreSQL. SQLite cannot see
    /// how long the list is, and with an ORDER BY on an index it would rather walk the whole table than look the list
    /// up; <c>column IN</c> is therefore marked <c>unlikely</c> (selective), which keeps the lookups.
    /// </summary>
    public string Sql(string sql) => _postgres is null
        ? SqliteSql.GetOrAdd(sql, static s => InOrNotInList().Replace(
            ColumnInList().Replace(s, "unlikely($1 IN (SELECT value FROM json_each(@$2)))"), "$1 (SELECT value FROM json_each(@$2))"))
        : PostgresSql.GetOrAdd(sql, static s => NotInList().Replace(InList().Replace(s, "= ANY(@$1)"), "<> ALL(@$1)"));

    [GeneratedRegex(@"\b(?!NOT\b)([A-Za-z_][\w.]*)\s+IN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnInList();

    [GeneratedRegex(@"\b((?:NOT\s+)?IN)\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex InOrNotInList();

    [GeneratedRegex(@"(?<!NOT\s+)\bIN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex InList();

    [GeneratedRegex(@"\bNOT\s+IN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex NotInList();

    public ValueTask DisposeAsync()
    {
        _sqlite?.Dispose();
        return _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}

/// <summary>An open connection plus its (optional) write transaction; Dapper calls go through it.</summary>
public sealed class DbConn(DbConnection connection, Db db) : IAsyncDisposable
{
    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(30);
    private bool _holdsWriter;

    public DbConnection Connection { get; } = connection;
    public DbTransaction? Transaction { get; private set; }
    public Db Db { get; } = db;

    /// <summary>
    /// Starts the write transaction. SQLite: after this process's other writers, then BEGIN IMMEDIATE, so the write
    /// lock is taken up front instead of failing on a read-to-write upgrade.
    /// </summary>
    public async Task BeginWriteAsync(CancellationToken ct = default)
    {
        if (Connection is not StatementCachingConnection sqlite)
        {
            Transaction = await Connection.BeginTransactionAsync(ct);
            return;
        }
        if (!await Db.SqliteWriter.WaitAsync(WriterWait, ct)) throw new DatabaseBusyException("Timed out waiting for the database writer.");
        _holdsWriter = true;
        try
        {
            Transaction = sqlite.Inner.BeginTransaction(deferred: false);
        }
        catch
        {
            ReleaseWriter();
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (Transaction is null) return;
        try
        {
            await Transaction.CommitAsync(ct);
            await Transaction.DisposeAsync();
            Transaction = null;
        }
        finally
        {
            ReleaseWriter();
        }
    }

    private void ReleaseWriter()
    {
        if (!_holdsWriter) return;
        _holdsWriter = false;
        Db.SqliteWriter.Release();
    }

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? args = null) =>
        Connection.QueryAsync<T>(Db.Sql(sql), args, Transaction);

    /// <summary>Each row as two objects, the second from the column named <paramref name="splitOn"/> on, joined by <paramref name="map"/>.</summary>
    public Task<IEnumerable<TReturn>> QueryAsync<TFirst, TSecond, TReturn>(string sql, Func<TFirst, TSecond, TReturn> map, string splitOn, object? args = null) =>
        Connection.QueryAsync(Db.Sql(sql), map, args, Transaction, splitOn: splitOn);

    /// <summary>Rows as they are read, so a caller that has seen enough can stop the query early.</summary>
    public IAsyncEnumerable<T> QueryUnbufferedAsync<T>(string sql, object? args = null) =>
        Connection.QueryUnbufferedAsync<T>(Db.Sql(sql), args, Transaction);

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? args = null) =>
        Connection.QuerySingleOrDefaultAsync<T>(Db.Sql(sql), args, Transaction);

    public Task<T> QuerySingleAsync<T>(string sql, object? args = null) =>
        Connection.QuerySingleAsync<T>(Db.Sql(sql), args, Transaction);

    public Task<T?> QueryFirstOrDefaultAsync<T>(string sql, object? args = null) =>
        Connection.QueryFirstOrDefaultAsync<T>(Db.Sql(sql), args, Transaction);

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? args = null) =>
        Connection.ExecuteScalarAsync<T>(Db.Sql(sql), args, Transaction);

    public Task<int> ExecuteAsync(string sql, object? args = null) =>
        Connection.ExecuteAsync(Db.Sql(sql), args, Transaction);

    public Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? args = null) =>
        Connection.QueryMultipleAsync(Db.Sql(sql), args, Transaction);

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null) await Transaction.DisposeAsync();
        ReleaseWriter();
        if (Connection is StatementCachingConnection pooled) Db.Return(pooled);
        else await Connection.DisposeAsync();
    }
}

/// <summary>This process's queue for the database's one writer did not move in time.</summary>
public sealed class DatabaseBusyException(string message) : TimeoutException(message);
