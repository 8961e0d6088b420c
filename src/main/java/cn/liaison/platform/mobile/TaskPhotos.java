package cn.liaison.platform.mobile;

import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.campaign.Campaigns;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.evidence.EvidencePhoto;
import cn.liaison.platform.evidence.EvidenceService;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.project.ProjectProcess;
import cn.liaison.platform.project.ProjectService;
import cn.liaison.platform.rectification.RectificationAccess;
import cn.liaison.platform.rectification.RectificationProcess;
import cn.liaison.platform.rectification.RectificationService;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import cn.liaison.platform.system.TasklistSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Photos taken on the phone for the task at hand, filed with the evidence of the task's record: 整改处理 and 监督核验 with
 * the problem, 节点检查 with the project's milestone, 种植确认 with the household. Whoever may work the task may add and
 * see them (the task is checked as /m opens it); a household's photos are otherwise seen by its responsible deputy,
 * the staff of its town's stations, auditors and administrators.
 */
@Service
class TaskPhotos {

  /** Evidence photos of a household (种植确认) are filed under this subject kind with the household's id. */
  static final String HOUSEHOLD = "household";

  /** The record a task's photos belong to: evidence subject kind and id. */
  record Subject(String kind, String id) {}

  record PhotoView(long id, String contentType, int sizeBytes, String uploadedAt, String url) {}

  /** Whether the task takes photos, and those already attached to its record. */
  record Photos(boolean accepts, List<PhotoView> photos) {}

  /** Which tasks ask for evidence, by their definition key, and the subject kind of their record. */
  static final Map<String, String> EVIDENCE_TASKS = Map.of(
      RectificationProcess.Task.RECTIFY, RectificationAccess.SUBJECT,
      RectificationProcess.Task.VERIFY, RectificationAccess.SUBJECT,
      ProjectProcess.Task.INSPECT, ProjectService.PHOTO_SUBJECT,
      CampaignProcess.Task.CONFIRM_PLANTING, HOUSEHOLD);

  private final MobileTasks mobileTasks;
  private final TaskService tasks;
  private final EvidenceService evidence;
  private final RectificationService rectifications;
  private final Households households;
  private final Campaigns campaigns;
  private final CampaignService campaignService;

  TaskPhotos(MobileTasks mobileTasks, TaskService tasks, EvidenceService evidence,
      RectificationService rectifications, Households households, Campaigns campaigns,
      CampaignService campaignService) {
    this.mobileTasks = mobileTasks;
    this.tasks = tasks;
    this.evidence = evidence;
    this.rectifications = rectifications;
    this.households = households;
    this.campaigns = campaigns;
    this.campaignService = campaignService;
  }

  Photos photos(TasklistSession.User user, String taskId) {
    Task task = mobileTasks.own(user, taskId);
    return subjectOf(task).map(s -> new Photos(true, evidence.of(s.kind(), s.id()).stream()
        .map(p -> view(taskId, p)).toList())).orElseGet(() -> new Photos(false, List.of()));
  }

  /** Adds the photo to the task's record; nothing is stored if the task is not the user's or takes no photos. */
  PhotoView add(TasklistSession.User user, String taskId, byte[] bytes) {
    Task task = mobileTasks.own(user, taskId);
    Subject s = subjectOf(task)
        .orElseThrow(() -> new InvalidInputException("file", "此任务不需要上传照片。"));
    EvidencePhoto photo = evidence.add(s.kind(), s.id(), null, bytes, user.id());
    return view(taskId, photo);
  }

  Map.Entry<EvidencePhoto, byte[]> read(TasklistSession.User user, String taskId, long photoId) {
    Subject s = subjectOf(mobileTasks.own(user, taskId)).orElseThrow(() -> new NotFoundException("照片不存在"));
    return evidence.read(s.kind(), s.id(), photoId);
  }

  /** A household's photo for its responsible deputy, its town's station staff, auditors and administrators. */
  Map.Entry<EvidencePhoto, byte[]> readOfHousehold(TasklistSession.User user, long householdId, long photoId) {
    Household h = households.find(householdId).filter(x -> maySeeHousehold(x, user))
        .orElseThrow(() -> new NotFoundException("照片不存在"));
    return evidence.read(HOUSEHOLD, Long.toString(h.id()), photoId);
  }

  boolean maySeeHousehold(Household h, TasklistSession.User user) {
    if (user.id().equals(h.responsibleDeputy()) || user.groups().contains(PlatformGroups.AUDITORS)
        || user.groups().contains(PlatformGroups.ADMIN)) {
      return true;
    }
    return campaigns.find(h.campaignCode())
        .map(c -> campaignService.staffGroupsOfTown(c.town()).stream().anyMatch(user.groups()::contains))
        .orElse(false);
  }

  /** The record of the task, for the tasks that ask for evidence; read with the engine's rights, after the check. */
  Optional<Subject> subjectOf(Task task) {
    String kind = EVIDENCE_TASKS.get(task.getTaskDefinitionKey());
    if (kind == null) {
      return Optional.empty();
    }
    String id = switch (kind) {
      case RectificationAccess.SUBJECT -> {
        Object no = tasks.getVariable(task.getId(), RectificationProcess.Var.PROBLEM_NO);
        yield no == null ? null : Long.toString(rectifications.requireProblem(no.toString()).id());
      }
      case ProjectService.PHOTO_SUBJECT -> {
        Object milestone = tasks.getVariable(task.getId(), ProjectProcess.Var.MILESTONE_ID);
        yield milestone instanceof Number n ? Long.toString(n.longValue()) : null;
      }
      default -> households.idOfProcessInstance(task.getProcessInstanceId()).map(String::valueOf).orElse(null);
    };
    return id == null ? Optional.empty() : Optional.of(new Subject(kind, id));
  }

  private static PhotoView view(String taskId, EvidencePhoto p) {
    return new PhotoView(p.id(), p.contentType(), p.sizeBytes(), p.uploadedAt().toString(),
        "/m/api/tasks/" + taskId + "/photos/" + p.id());
  }
}
