package cn.liaison.platform.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * Jobs failing with a {@link NonRetryable} cause (e.g. a department system answering 400) skip the
 * remaining retries of their cycle and become an incident straight away; all other failures follow the
 * retry cycle (camunda:failedJobRetryTimeCycle) as usual.
 */
@Component
class FailFastJobRetryPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobCommandFactory((jobId, exception) ->
        isNonRetryable(exception) ? new FailFastJobRetryCmd(jobId, exception) : new DefaultJobRetryCmd(jobId, exception));
  }

  static boolean isNonRetryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NonRetryable) {
        return true;
      }
    }
    return false;
  }

  static final class FailFastJobRetryCmd extends DefaultJobRetryCmd {
    FailFastJobRetryCmd(String jobId, Throwable exception) {
      super(jobId, exception);
    }

    @Override
    public Object execute(CommandContext commandContext) {
      super.execute(commandContext);
      JobEntity job = commandContext.getJobManager().findJobById(jobId);
      if (job != null && job.getRetries() > 0) {
        job.setRetries(0);
      }
      return null;
    }
  }
}
