trigger BookingChangedTrigger on BookingChanged__e(after insert) {
    new BookingChangedTriggerHandler().run();
}
