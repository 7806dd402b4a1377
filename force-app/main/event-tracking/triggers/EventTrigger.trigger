trigger EventTrigger on Event(before update) {
    new EventTriggerHandler().run();
}
