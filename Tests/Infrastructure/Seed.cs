using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KolibriSlices.Tests.Infrastructure;

/// <summary>Well-known ids of the standard scenario (<see cref="Seed.StandardAsync"/>): 32 hex, fixed.</summary>
public static class Known
{
    public const string Facility = "fac00000000000000000000000000001";
    public const string OtherFacility = "fac00000000000000000000000000002";
    public const string Dataset = "da700000000000000000000000000001";
    public const string OtherDataset = "da700000000000000000000000000002";
    public const string ClassroomA = "c1a55000000000000000000000000001";
    public const string ClassroomB = "c1a55000000000000000000000000002";
    public const string OtherClassroom = "c1a55000000000000000000000000003";
    public const string GroupA1 = "9a000000000000000000000000000001";
    public const string GroupA2 = "9a000000000000000000000000000002";

    public const string Superuser = "00000000000000000000000000000001";
    public const string Admin = "00000000000000000000000000000002";
    public const string FacilityCoach = "00000000000000000000000000000003";
    public const string ClassCoach = "00000000000000000000000000000004";
    public const string Learner = "00000000000000000000000000000005";
    public const string Learner2 = "00000000000000000000000000000006";
    public const string OtherAdmin = "00000000000000000000000000000007";
    public const string OtherLearner = "00000000000000000000000000000008";

    /// <summary>Each actor of the permission matrix, by username.</summary>
    public static readonly string[] Actors = ["superuser", "admin", "fcoach", "ccoach", "learner", "otheradmin"];
}

/// <summary>Direct inserts with fixed ids, for arranging state quickly; the rows are exactly what the API writes.</summary>
public sealed partial class Seed(KolibriApp app)
{
    private int _userCounter;

    private async Task ExecAsync(string sql, object args)
    {
        await using var conn = await app.Db.OpenAsync();
        await conn.ExecuteAsync(sql, args);
    }

    public Task FacilityAsync(string id, string datasetId, string name, string preset = "nonformal", bool passwordless = false) =>
        ExecAsync("""
            INSERT INTO kolibriauth_facilitydataset (id, preset, learner_can_login_with_no_password, learner_can_edit_password, extra_fields)
            VALUES (@datasetId, @preset, @passwordless, @editPassword, '{"facility": {}, "on_my_own_setup": false, "pin_code": ""}');
            INSERT INTO kolibriauth_collection (id, name, kind, dataset_id, parent_id) VALUES (@id, @name, 'facility', @datasetId, NULL);
            """, new { id, datasetId, name, preset, passwordless, editPassword = !passwordless });

    public Task CollectionAsync(string id, string parentId, string name, string kind = "classroom") =>
        ExecAsync("""
            INSERT INTO kolibriauth_collection (id, name, kind, dataset_id, parent_id)
            SELECT @id, @name, @kind, dataset_id, @parentId FROM kolibriauth_collection WHERE id = @parentId
            """, new { id, parentId, name, kind });

    public async Task<string> UserAsync(string? id, string username, string facilityId, string? password = KolibriApp.Password,
        string? fullName = null, string dateJoined = "2024-12-16T10:00:00.000000Z")
    {
        id ??= $"{Interlocked.Increment(ref _userCounter):x8}".PadLeft(32, 'e');
        var hash = password is null ? Passwords.NotSpecified : app.Services.GetRequiredService<Passwords>().Hash(password);
        await ExecAsync("""
            INSERT INTO kolibriauth_facilityuser (id, password, username, full_name, date_joined, dataset_id, facility_id)
            SELECT @id, @hash, @username, @fullName, @dateJoined, dataset_id, @facilityId FROM kolibriauth_collection WHERE id = @facilityId
            """, new { id, hash, username, fullName = fullName ?? username, dateJoined, facilityId });
        return id;
    }

    public Task RoleAsync(string userId, string collectionId, string kind) =>
        ExecAsync("""
            INSERT INTO kolibriauth_role (id, user_id, collection_id, kind, dataset_id)
            SELECT @roleId, @userId, @collectionId, @kind, dataset_id FROM kolibriauth_collection WHERE id = @collectionId
            """, new { roleId = Ids.Deterministic(userId, collectionId, kind, "role"), userId, collectionId, kind });

    public Task MembershipAsync(string userId, string collectionId) =>
        ExecAsync("""
            INSERT INTO kolibriauth_membership (id, user_id, collection_id, dataset_id)
            SELECT @membershipId, @userId, @collectionId, dataset_id FROM kolibriauth_collection WHERE id = @collectionId
            """, new { membershipId = Ids.Deterministic(userId, collectionId, "membership"), userId, collectionId });

    public Task DevicePermissionsAsync(string userId, bool superuser, bool canManageContent) =>
        ExecAsync("INSERT INTO device_devicepermissions (user_id, is_superuser, can_manage_content) VALUES (@userId, @superuser, @canManageContent)",
            new { userId, superuser, canManageContent });

    public Task DeviceSettingsAsync(string? defaultFacility, bool provisioned = true) =>
        ExecAsync("""
            INSERT INTO device_devicesettings (id, is_provisioned, default_facility_id, language_id, name) VALUES (1, @provisioned, @defaultFacility, 'en', 'test device')
            """, new { provisioned, defaultFacility });

    /// <summary>
    /// Facility F (admin, facility coach, class coach of A, learner in A and group A1, learner2 in B, superuser) and
    /// facility F2 (otheradmin, otherlearner in F2's classroom). Password "password" for all. Default facility F.
    /// </summary>
    public async Task StandardAsync()
    {
        await FacilityAsync(Known.Facility, Known.Dataset, "Rock School");
        await FacilityAsync(Known.OtherFacility, Known.OtherDataset, "Other School");
        await DeviceSettingsAsync(Known.Facility);
        await CollectionAsync(Known.ClassroomA, Known.Facility, "Class A");
        await CollectionAsync(Known.ClassroomB, Known.Facility, "Class B");
        await CollectionAsync(Known.OtherClassroom, Known.OtherFacility, "Other Class");
        await CollectionAsync(Known.GroupA1, Known.ClassroomA, "Group A1", "learnergroup");
        await CollectionAsync(Known.GroupA2, Known.ClassroomA, "Group A2", "learnergroup");

        await UserAsync(Known.Superuser, "superuser", Known.Facility, fullName: "Super User");
        await RoleAsync(Known.Superuser, Known.Facility, "admin");
        await DevicePermissionsAsync(Known.Superuser, superuser: true, canManageContent: true);
        await UserAsync(Known.Admin, "admin", Known.Facility, fullName: "Facility Admin");
        await RoleAsync(Known.Admin, Known.Facility, "admin");
        await UserAsync(Known.FacilityCoach, "fcoach", Known.Facility, fullName: "Facility Coach");
        await RoleAsync(Known.FacilityCoach, Known.Facility, "coach");
        await UserAsync(Known.ClassCoach, "ccoach", Known.Facility, fullName: "Class Coach");
        await RoleAsync(Known.ClassCoach, Known.ClassroomA, "coach");
        await RoleAsync(Known.ClassCoach, Known.Facility, "classroom assignable coach");
        await UserAsync(Known.Learner, "learner", Known.Facility, fullName: "Lea Learner");
        await MembershipAsync(Known.Learner, Known.ClassroomA);
        await MembershipAsync(Known.Learner, Known.GroupA1);
        await UserAsync(Known.Learner2, "learner2", Known.Facility, fullName: "Leo Learner");
        await MembershipAsync(Known.Learner2, Known.ClassroomB);
        await UserAsync(Known.OtherAdmin, "otheradmin", Known.OtherFacility, fullName: "Other Admin");
        await RoleAsync(Known.OtherAdmin, Known.OtherFacility, "admin");
        await UserAsync(Known.OtherLearner, "otherlearner", Known.OtherFacility, fullName: "Other Learner");
        await MembershipAsync(Known.OtherLearner, Known.OtherClassroom);
    }

    public async Task<T?> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = await app.Db.OpenAsync();
        return await conn.ExecuteScalarAsync<T>(sql, args);
    }
}
