package cn.liaison.platform.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.StationSaved;
import cn.liaison.platform.station.Stations;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds groups, users and authorizations at every start. Idempotent: what exists is left alone or
 * completed, nothing is duplicated, so it is safe on every node of a cluster.
 */
@Component
@Order(10)
class IdentitySeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(IdentitySeeder.class);
  static final String ANY = Authorization.ANY;

  /** The demo administrator (password demo). */
  static final String DEMO_ADMIN = "demo";

  /**
   * Demo users: id → (group, the stations whose staff they are, last name, first name); the password is the
   * user id. Station staff are members of station-staff (the role) and of station-staff-&lt;code&gt; of each
   * of their stations (DemoStations' codes).
   */
  record DemoUser(String id, String group, List<String> stations, String lastName, String firstName) {
    DemoUser(String id, String group, String lastName, String firstName) {
      this(id, group, List.of(), lastName, firstName);
    }
  }

  static final List<DemoUser> DEMO_USERS = List.of(
      new DemoUser("staff1", PlatformGroups.STATION_STAFF, List.of("cy-anticorrosion", "cy-crane"), "王", "晓梅"),
      new DemoUser("staff2", PlatformGroups.STATION_STAFF, List.of("yy-taiping-mobile"), "钱", "小燕"),
      new DemoUser("staff3", PlatformGroups.STATION_STAFF, List.of("yy-luzhai-rice"), "黄", "丽娟"),
      new DemoUser("analyst1", PlatformGroups.ANALYSTS, "李", "建国"),
      new DemoUser("deputy1", PlatformGroups.DEPUTIES, "张", "志强"),
      new DemoUser("deputy2", PlatformGroups.DEPUTIES, "刘", "秀英"),
      new DemoUser("deputy3", PlatformGroups.DEPUTIES, "秦", "振起"),
      new DemoUser("deputy4", PlatformGroups.DEPUTIES, "范", "卫东"),
      new DemoUser("deputy5", PlatformGroups.DEPUTIES, "杨", "桂芝"),
      new DemoUser("deputy6", PlatformGroups.DEPUTIES, "郭", "稻香"),
      new DemoUser("deputy7", PlatformGroups.DEPUTIES, "唐", "建业"),
      new DemoUser("supervisor1", PlatformGroups.SUPERVISORS, "陈", "国华"),
      new DemoUser("auditor1", PlatformGroups.AUDITORS, "赵", "敏"),
      new DemoUser("office1", PlatformGroups.CONGRESS_OFFICE, "韩", "立新"),
      new DemoUser("finance1", "dept-finance", "孙", "海涛"),
      new DemoUser("agri1", "dept-agriculture", "周", "丰收"),
      new DemoUser("water1", "dept-water", "吴", "清源"),
      new DemoUser("natres1", "dept-natural-resources", "郑", "国土"),
      new DemoUser("housing1", "dept-housing", "冯", "安居"),
      new DemoUser("market1", "dept-market", "何", "公平"),
      new DemoUser("industry1", "dept-industry", "许", "兴业"),
      new DemoUser("town1", "dept-town", "马", "为民"));

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final Departments departments;
  private final IdentityProperties properties;
  private final TasklistFilters filters;
  private final Stations stations;

  IdentitySeeder(IdentityService identity, AuthorizationService authorizations, Departments departments,
      IdentityProperties properties, TasklistFilters filters, Stations stations) {
    if (!properties.demo().enabled() && !properties.admin().hasPassword()) {
      // a production installation must never come up with a known or empty administrator password
      throw new IllegalStateException("演示数据已关闭：请通过环境变量 LIAISON_ADMIN_PASSWORD 设置管理员密码 "
          + "(demo data is off: set LIAISON_ADMIN_PASSWORD for the administrator '" + properties.admin().userId() + "')");
    }
    this.identity = identity;
    this.authorizations = authorizations;
    this.departments = departments;
    this.properties = properties;
    this.filters = filters;
    this.stations = stations;
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    // nodes of a cluster start together: a node that loses a race on a unique key seeds again, then finds it all there
    for (int attempt = 1; ; attempt++) {
      try {
        seed();
        return;
      } catch (RuntimeException e) {
        if (attempt == 3) {
          throw e;
        }
        log.warn("seeding identity failed (attempt {}), retrying: {}", attempt, e.getMessage());
        Thread.sleep(1000L * attempt);
      }
    }
  }

  void seed() {
    PlatformGroups.NAMES.forEach((id, name) ->
        group(id, name, PlatformGroups.ADMIN.equals(id) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW));
    List<Department> depts = departments.findAll();
    depts.forEach(d -> group(d.groupId(), d.name(), Groups.GROUP_TYPE_WORKFLOW));
    stations.findAll().forEach(this::stationStaffGroup);

    grantAdministrators();
    List<String> tasklistGroups = new ArrayList<>(List.of(PlatformGroups.STATION_STAFF, PlatformGroups.ANALYSTS,
        PlatformGroups.DEPUTIES, PlatformGroups.SUPERVISORS, PlatformGroups.CONGRESS_OFFICE));
    depts.forEach(d -> tasklistGroups.add(d.groupId()));
    tasklistGroups.forEach(this::grantTasklistWork);
    grantAuditors();
    grantAnalysts();
    grantCongressOffice();
    filters.seed(tasklistGroups);

    if (properties.admin().hasPassword()) {
      user(properties.admin().userId(), "系统管理员", "", properties.admin().password(), PlatformGroups.ADMIN, true);
    }
    if (properties.demo().enabled()) {
      user(DEMO_ADMIN, "演示管理员", "", DEMO_ADMIN, PlatformGroups.ADMIN, false);
      // Camunda's webapps show "firstName lastName": the whole Chinese name (surname first) goes in firstName
      for (DemoUser u : DEMO_USERS) {
        user(u.id(), u.lastName() + u.firstName(), "", u.id(), u.group(), false);
        u.stations().forEach(code -> membership(u.id(), Station.staffGroupOf(code)));
      }
      log.info("演示数据已启用: demo users are present (see README)");
    } else {
      removeDemoUsers();
    }
  }

  /**
   * With demo data off, the demo users of an earlier run (known ids, passwords equal to the ids, demo is an
   * administrator) must not stay usable: they are deleted with their memberships and authorizations. The
   * configured administrator is never touched, even if it has a demo user's id.
   */
  void removeDemoUsers() {
    List<String> ids = new ArrayList<>();
    ids.add(DEMO_ADMIN);
    DEMO_USERS.forEach(u -> ids.add(u.id()));
    for (String id : ids) {
      if (id.equals(properties.admin().userId()) || identity.createUserQuery().userId(id).count() == 0) {
        continue;
      }
      identity.deleteUser(id);
      log.warn("演示数据已关闭：已删除上次运行留下的演示用户 {} (demo data is off: removed demo user '{}')", id, id);
    }
  }

  /** A station added or renamed gets its staff group at once (members are added by administrators). */
  @org.springframework.context.event.EventListener
  void stationSaved(StationSaved event) {
    stationStaffGroup(event.station());
  }

  private void stationStaffGroup(Station station) {
    group(station.staffGroup(), station.staffGroupName(), Groups.GROUP_TYPE_WORKFLOW);
    Group existing = identity.createGroupQuery().groupId(station.staffGroup()).singleResult();
    if (!station.staffGroupName().equals(existing.getName())) {
      existing.setName(station.staffGroupName());
      identity.saveGroup(existing);
    }
  }

  /** A department added or renamed by an administrator gets its group and Tasklist grants at once. */
  @org.springframework.context.event.EventListener
  void departmentSaved(cn.liaison.platform.department.DepartmentSaved event) {
    Department d = event.department();
    group(d.groupId(), d.name(), Groups.GROUP_TYPE_WORKFLOW);
    Group existing = identity.createGroupQuery().groupId(d.groupId()).singleResult();
    if (!d.name().equals(existing.getName())) {
      existing.setName(d.name());
      identity.saveGroup(existing);
    }
    grantTasklistWork(d.groupId());
    filters.seed(List.of(d.groupId()));
  }

  /** camunda-admin may do everything, like the administrators Camunda creates. */
  private void grantAdministrators() {
    for (Resource resource : Resources.values()) {
      grant(PlatformGroups.ADMIN, resource, ANY, Permissions.ALL);
    }
  }

  /** Tasklist users: the app, read definitions and directory names; tasks come through candidate groups. */
  private void grantTasklistWork(String groupId) {
    grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(groupId, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    grant(groupId, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
    grant(groupId, Resources.USER, ANY, Permissions.READ);
    grant(groupId, Resources.GROUP, ANY, Permissions.READ);
  }

  /** Auditors read everything in Cockpit and change nothing: no UPDATE, DELETE, RETRY or CREATE. */
  private void grantAuditors() {
    String g = PlatformGroups.AUDITORS;
    grant(g, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grantProcessReading(g);
    grant(g, Resources.TASK, ANY, TaskPermissions.READ);
    grant(g, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grant(g, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grant(g, Resources.BATCH, ANY, Permissions.READ);
    grant(g, Resources.USER, ANY, Permissions.READ);
    grant(g, Resources.GROUP, ANY, Permissions.READ);
  }

  /** Analysts read all about processes (Cockpit) and deploy models from Camunda Modeler. */
  private void grantAnalysts() {
    String g = PlatformGroups.ANALYSTS;
    grant(g, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grantProcessReading(g);
    grant(g, Resources.DEPLOYMENT, ANY, Permissions.CREATE);
  }

  /**
   * The congress office (代表工委) follows deputies' work: Tasklist (above) and Cockpit to read all about processes,
   * as analysts do, but it deploys nothing and, like auditors, changes nothing there.
   */
  private void grantCongressOffice() {
    String g = PlatformGroups.CONGRESS_OFFICE;
    grant(g, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grantProcessReading(g);
  }

  private void grantProcessReading(String g) {
    grant(g, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
        ProcessDefinitionPermissions.READ_HISTORY_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE);
    grant(g, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    grant(g, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(g, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(g, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
  }

  private void group(String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group group = identity.newGroup(id);
    group.setName(name);
    group.setType(type);
    identity.saveGroup(group);
  }

  /** Creates the user if missing; resetPassword keeps the administrator's password in step with the environment. */
  private void user(String id, String firstName, String lastName, String password, String groupId,
      boolean resetPassword) {
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user == null) {
      user = identity.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(id + "@liaison.example");
      user.setPassword(password);
      identity.saveUser(user);
    } else if (resetPassword && !identity.checkPassword(id, password)) {
      user.setPassword(password);
      identity.saveUser(user);
    }
    membership(id, groupId);
  }

  /** Adds the user to the group if the group exists and the user is not a member yet. */
  private void membership(String userId, String groupId) {
    if (identity.createGroupQuery().groupId(groupId).count() > 0
        && identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }

  /** Adds the permissions to the group's grant on (resource, resourceId), creating it if needed. */
  void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization auth = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
    boolean missing = auth == null;
    if (missing) {
      auth = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      auth.setGroupId(groupId);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    }
    boolean changed = missing;
    for (Permission p : permissions) {
      if (!auth.isPermissionGranted(p)) {
        auth.addPermission(p);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(auth);
    }
  }
}
