using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace KolibriSlices.Bench;

/// <summary>
/// Fills a migrated KolibriSlices home with one facility at a chosen scale: learners in classes of 25, one coach and two
/// learner groups per class, an admin, progress logs. Direct SQL for speed; the rows are the ones the API writes (same
/// columns, ids, hashes, timestamps), so the API reads them back as its own.
/// </summary>
public static class Seeder
{
    public const string Password = "benchpass";
    public const string FacilityId = "fac0000000000000000000000000be01";
    public const string DatasetId = "da70000000000000000000000000be01";
    public const int ClassSize = 25;

    public static string UserId(int n) => $"{n:x8}".PadLeft(32, 'b');
    public static string ClassId(int n) => $"{n:x8}".PadLeft(32, 'c');
    public static string GroupId(int n, int g) => $"{n:x8}{g:x2}".PadLeft(32, '9');
    public static string CoachId(int n) => $"{n:x8}".PadLeft(32, 'd');
    public const string AdminId = "a000000000000000000000000000be01";

    /// <summary>A Django pbkdf2_sha256 hash, as Passwords.Hash writes it.</summary>
    public static string DjangoHash(string password, int iterations = 260000)
    {
        const string salt = "benchSaltBenchSalt0001";
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2_sha256${iterations}${salt}${Convert.ToBase64String(hash)}";
    }

    public static string Id(params object[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("::", parts))))[..32];

    public static void SeedFacility(string databaseFile, int learners)
    {
        using var conn = new SqliteConnection($"Data Source={databaseFile}");
        conn.Open();
        conn.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000;");
        using var tx = conn.BeginTransaction();
        var hash = DjangoHash(Password);

        conn.Execute("""
            INSERT INTO kolibriauth_facilitydataset (id, preset, extra_fields) VALUES (@DatasetId, 'nonformal', '{"facility": {}, "on_my_own_setup": false, "pin_code": ""}');
            INSERT INTO kolibriauth_collection (id, name, kind, dataset_id, parent_id) VALUES (@FacilityId, 'Bench School', 'facility', @DatasetId, NULL);
            INSERT INTO device_devicesettings (id, is_provisioned, language_id, default_facility_id, name) VALUES (1, 1, 'en', @FacilityId, 'bench');
            """, new { DatasetId, FacilityId }, tx);

        var user = conn.CreateCommand();
        user.Transaction = tx;
        user.CommandText = """
            INSERT INTO kolibriauth_facilityuser (id, password, username, full_name, date_joined, dataset_id, facility_id, gender, birth_year)
            VALUES ($id, $password, $username, $full_name, $date_joined, $dataset, $facility, $gender, $birth_year)
            """;
        var p = new[] { "$id", "$password", "$username", "$full_name", "$date_joined", "$dataset", "$facility", "$gender", "$birth_year" }
            .Select(n => user.Parameters.Add(new SqliteParameter(n, ""))).ToArray();
        void AddUser(string id, string username, string fullName, int n)
        {
            p[0].Value = id; p[1].Value = hash; p[2].Value = username; p[3].Value = fullName;
            p[4].Value = $"2025-01-{1 + n % 28:00}T08:{n % 60:00}:00.000000Z"; p[5].Value = DatasetId; p[6].Value = FacilityId;
            p[7].Value = n % 2 == 0 ? "FEMALE" : "MALE"; p[8].Value = (2005 + n % 10).ToString();
            user.ExecuteNonQuery();
        }

        var link = conn.CreateCommand();
        link.Transaction = tx;
        link.CommandText = """
            INSERT INTO kolibriauth_membership (id, user_id, collection_id, dataset_id) VALUES ($id, $user, $collection, $dataset)
            """;
        var lp = new[] { "$id", "$user", "$collection", "$dataset" }.Select(n => link.Parameters.Add(new SqliteParameter(n, ""))).ToArray();
        void Member(string userId, string collection)
        {
            lp[0].Value = Id(userId, collection, "membership"); lp[1].Value = userId; lp[2].Value = collection; lp[3].Value = DatasetId;
            link.ExecuteNonQuery();
        }
        void Role(string userId, string collection, string kind) =>
            conn.Execute("INSERT INTO kolibriauth_role (id, user_id, collection_id, kind, dataset_id) VALUES (@id, @userId, @collection, @kind, @DatasetId)",
                new { id = Id(userId, collection, kind, "role"), userId, collection, kind, DatasetId }, tx);

        AddUser(AdminId, "benchadmin", "Bench Admin", 0);
        Role(AdminId, FacilityId, "admin");
        conn.Execute("INSERT INTO device_devicepermissions (user_id, is_superuser, can_manage_content) VALUES (@AdminId, 1, 1)", new { AdminId }, tx);

        var classes = (learners + ClassSize - 1) / ClassSize;
        var collection = conn.CreateCommand();
        collection.Transaction = tx;
        collection.CommandText = "INSERT INTO kolibriauth_collection (id, name, kind, dataset_id, parent_id) VALUES ($id, $name, $kind, $dataset, $parent)";
        var cp = new[] { "$id", "$name", "$kind", "$dataset", "$parent" }.Select(n => collection.Parameters.Add(new SqliteParameter(n, ""))).ToArray();
        void Collection(string id, string name, string kind, string parent)
        {
            cp[0].Value = id; cp[1].Value = name; cp[2].Value = kind; cp[3].Value = DatasetId; cp[4].Value = parent;
            collection.ExecuteNonQuery();
        }

        for (var c = 1; c <= classes; c++)
        {
            Collection(ClassId(c), $"Class {c:00000}", "classroom", FacilityId);
            for (var g = 1; g <= 2; g++) Collection(GroupId(c, g), $"Class {c:00000} group {g}", "learnergroup", ClassId(c));
            AddUser(CoachId(c), $"coach{c:00000}", $"Coach {c}", c);
            Role(CoachId(c), ClassId(c), "coach");
            Role(CoachId(c), FacilityId, "classroom assignable coach");
        }
        for (var n = 1; n <= learners; n++)
        {
            var id = UserId(n);
            var c = (n - 1) / ClassSize + 1;
            AddUser(id, $"learner{n:00000}", $"Learner Number {n}", n);
            Member(id, ClassId(c));
            Member(id, GroupId(c, n % 2 + 1));
        }
        tx.Commit();
        conn.Execute("PRAGMA optimize; ANALYZE;");
    }
}
