trigger EventTrigger on Event(before update, after update, after delete) {
    new EventTriggerHandler().run();
}
