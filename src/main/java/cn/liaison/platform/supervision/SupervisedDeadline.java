package cn.liaison.platform.supervision;

/**
 * A process whose items carry a light: declared as a bean by the feature that owns the process (beside its task
 * cards), so the supervision package reads each process's deadline variable without knowing the process.
 *
 * @param processKey the process definition key
 * @param dueVariable the variable holding the deadline of the timed scope (a Date)
 * @param kind the kind's code in statistics (opinions, proposals, rectification)
 * @param kindName the kind in Chinese (群众意见 …)
 */
public record SupervisedDeadline(String processKey, String dueVariable, String kind, String kindName) {}
