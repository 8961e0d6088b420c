package cn.liaison.platform.campaign;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Tests run the job executor's part by hand: the campaign's jobs that start the households' sign-offs. */
public final class HouseholdStarts {

  private HouseholdStarts() {}

  /** Executes the start jobs of every shard (batches and the shards' ends) until the campaign has none left. */
  public static void runAll(ManagementService management, String campaignInstanceId) {
    Job job;
    while ((job = next(management, campaignInstanceId)) != null) {
      management.executeJob(job.getId());
    }
  }

  static Job next(ManagementService management, String campaignInstanceId) {
    for (String activity : List.of(CampaignProcess.Task.START_SIGN_OFFS, CampaignProcess.Task.START_SHARDS)) {
      List<Job> jobs = management.createJobQuery().processInstanceId(campaignInstanceId).activityId(activity)
          .listPage(0, 1);
      if (!jobs.isEmpty()) {
        return jobs.get(0);
      }
    }
    return null;
  }
}
