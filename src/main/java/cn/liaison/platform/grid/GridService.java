package cn.liaison.platform.grid;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.audit.Changes;
import cn.liaison.platform.deputy.Deputy;
import cn.liaison.platform.deputy.DeputyDirectory;
import cn.liaison.platform.identity.Deputies;
import cn.liaison.platform.system.InvalidInputException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The deputies' grids: administrators set them up; everyone working on a town's rectifications reads them. */
@Service
public class GridService {

  static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

  /** What an administrator sends (PUT /api/admin/grids/{code}). */
  public record GridRequest(String name, String town, String deputy) {}

  /** A grid as people see it: its responsible deputy's name, no phone. */
  public record GridView(String code, String name, String town, String deputy, String deputyName) {}

  private final Grids grids;
  private final Deputies deputies;
  private final DeputyDirectory directory;
  private final Clock clock;
  private final AuditTrail audit;

  GridService(Grids grids, Deputies deputies, DeputyDirectory directory, Clock clock, AuditTrail audit) {
    this.audit = audit;
    this.grids = grids;
    this.deputies = deputies;
    this.directory = directory;
    this.clock = clock;
  }

  /** Creates or changes the grid; true when it was created. */
  @Transactional
  public boolean save(String code, GridRequest r, String by) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (code == null || !CODE.matcher(code).matches()) {
      errors.put("code", "网格编码只能由小写字母、数字和连字符组成（2–64 位）");
    }
    if (r == null) {
      throw new InvalidInputException("name", "请填写网格名称");
    }
    if (r.name() == null || r.name().isBlank() || r.name().strip().length() > 100) {
      errors.put("name", "请填写网格名称（不超过 100 字）");
    }
    if (r.town() == null || r.town().isBlank() || r.town().strip().length() > 50) {
      errors.put("town", "请填写所属乡镇（不超过 50 字）");
    }
    if (r.deputy() == null || r.deputy().isBlank()) {
      errors.put("deputy", "请选择网格的责任代表");
    } else if (!deputies.isDeputy(r.deputy().strip())) {
      errors.put("deputy", "责任代表必须是平台上的人大代表");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Grid before = grids.findByCode(code).orElse(null);
    Grid after = new Grid(code, r.name().strip(), r.town().strip(), r.deputy().strip());
    grids.save(after, by, clock.instant());
    boolean created = before == null;
    audit.recordBy(by, AuditAction.GRID_SAVED, AuditSubject.grid(code), null, (created ? "新建网格“" : "修改网格“")
        + after.name() + "”", Changes.of().field("名称", before == null ? null : before.name(), after.name())
        .field("乡镇", before == null ? null : before.town(), after.town())
        .field("责任代表", before == null ? null : before.deputyUserId(), after.deputyUserId()).text());
    return created;
  }

  public List<GridView> list(String town) {
    return grids.ofTown(town == null || town.isBlank() ? null : town.strip()).stream().map(this::view).toList();
  }

  public GridView view(Grid g) {
    String name = directory.find(g.deputyUserId()).map(Deputy::name).orElse(g.deputyUserId());
    return new GridView(g.code(), g.name(), g.town(), g.deputyUserId(), name);
  }
}
