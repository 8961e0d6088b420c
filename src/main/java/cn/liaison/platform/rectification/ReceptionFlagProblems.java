package cn.liaison.platform.rectification;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.reception.Reception;
import cn.liaison.platform.reception.ReceptionService;
import cn.liaison.platform.rectification.Rectification.Drive;
import cn.liaison.platform.rectification.Rectification.Source;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One click from a reception summary's flag (安全隐患, 信访苗头 flagged for 专项督办) to a rectification problem: the
 * problem is raised in a task of the town's drive with source RECEPTION and the reception's number as its source, and
 * the flag points back at the problem (linked both ways). The reception's station staff (and analysts) do it; the
 * flag is found by the reception's number and its id together. All in one transaction: a flag already raised (409),
 * a wrong field (400) store nothing, not even a problem.
 */
@Service
public class ReceptionFlagProblems {

  /** What the staff pick: the drive and its task, the person responsible; the rest defaults from the flag. */
  public record FromFlag(String driveCode, String taskNo, String description, String foundOn,
      String responsiblePerson, String deadline) {}

  private final ReceptionService receptions;
  private final RectificationService rectifications;
  private final Rectifications records;
  private final WorkingDayCalendar calendar;

  ReceptionFlagProblems(ReceptionService receptions, RectificationService rectifications, Rectifications records,
      WorkingDayCalendar calendar) {
    this.receptions = receptions;
    this.rectifications = rectifications;
    this.records = records;
    this.calendar = calendar;
  }

  @Transactional
  public String raise(String receptionNo, long flagId, FromFlag r, Caller caller) {
    Reception reception = receptions.require(receptionNo);
    if (!caller.in(Station.staffGroupOf(reception.stationCode())) && !caller.in(PlatformGroups.ANALYSTS)
        && !caller.in(PlatformGroups.ADMIN)) {
      throw new AccessDeniedException("may not raise problems from reception " + reception.receptionNo());
    }
    Reception.Flag flag = receptions.flag(reception.receptionNo(), flagId);
    if (flag.rectificationProblemNo() != null) {
      throw new ConflictException("这一条已经立为整改问题（" + flag.rectificationProblemNo() + "），不能重复立项。");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Drive drive = null;
    if (blank(r.driveCode())) {
      errors.put("driveCode", "请选择整治行动");
    } else {
      drive = records.drive(r.driveCode().strip()).orElse(null);
      if (drive == null || !drive.stationCode().equals(reception.stationCode())) {
        errors.put("driveCode", "本联络站没有这个整治行动");
        drive = null;
      }
    }
    if (blank(r.taskNo())) {
      errors.put("taskNo", "请选择整改任务");
    } else if (drive != null && records.task(drive.id(), r.taskNo().strip()).isEmpty()) {
      errors.put("taskNo", "整治行动中没有这项整改任务");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    String description = blank(r.description()) ? flag.kind().label() + "：" + flag.description() : r.description();
    String foundOn = blank(r.foundOn())
        ? LocalDate.ofInstant(reception.startsAt(), calendar.zone()).toString() : r.foundOn();
    String problemNo = rectifications.raiseProblem(drive.code(), r.taskNo().strip(),
        new RectificationService.NewProblem(description, Source.RECEPTION.name(), reception.receptionNo(), foundOn,
            r.responsiblePerson(), r.deadline()), caller);
    receptions.rectificationProblemRaised(reception.receptionNo(), flagId, problemNo);
    return problemNo;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
